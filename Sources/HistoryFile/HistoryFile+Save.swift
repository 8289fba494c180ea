import GRDB
import SeriesStore
import VitalsCore

/// Saves: one transaction each, on the caller's thread or on GRDB's writer queue.
extension HistoryFile {
    /// Writes `buckets` in one transaction (a reader writes nothing). Every 60th save also deletes
    /// rows older than each tier's retention.
    public func save(_ buckets: [PersistedBucket], top: [PersistedTopProcesses] = [], now: Double) throws(HistoryFileError) {
        guard mode == .writer else { return }
        do {
            try database.write { db in try self.write(buckets, top: top, now: now, db) }
            state.withLock { $0.lastError = nil }
        } catch {
            let message = Self.describe(error)
            state.withLock { $0.lastError = message }
            throw HistoryFileError("saving history failed: \(message)")
        }
    }

    /// `save` on GRDB's writer queue, so the caller's thread never waits for the disk.
    public func saveInBackground(_ buckets: [PersistedBucket], top: [PersistedTopProcesses] = [], now: Double) {
        guard mode == .writer, !buckets.isEmpty || !top.isEmpty else { return }
        database.asyncWrite({ db in try self.write(buckets, top: top, now: now, db) }, completion: { _, result in
            let message: String? = switch result {
            case .success: nil
            case let .failure(error): Self.describe(error)
            }
            self.state.withLock { $0.lastError = message }
        })
    }

    private func write(_ buckets: [PersistedBucket], top: [PersistedTopProcesses], now: Double, _ db: Database) throws {
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO bucket (series, width_ms, bucket, min, max, sum, count) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (series, width_ms, bucket) DO UPDATE SET min = excluded.min, max = excluded.max,
            sum = excluded.sum, count = excluded.count
            """)
        for b in buckets where b.tier < tiers.count {
            let series = try seriesID(b.key, db)
            try upsert.execute(arguments: [
                series, Self.milliseconds(tiers[b.tier].width), b.bucket, b.summary.min, b.summary.max, b.summary.sum, b.summary.count,
            ])
        }
        // A bucket's processes replace what an earlier save (the open bucket at exit) left.
        let clear = try db.cachedStatement(sql: "DELETE FROM top_process WHERE width_ms = ? AND bucket = ?")
        let insert = try db.cachedStatement(sql: """
            INSERT INTO top_process (width_ms, bucket, rank, pid, name, user, cpu, rss, io) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for t in top where t.tier < tiers.count {
            let width = Self.milliseconds(tiers[t.tier].width)
            try clear.execute(arguments: [width, t.bucket])
            for (rank, p) in t.processes.enumerated() {
                try insert.execute(arguments: [
                    width, t.bucket, rank, p.pid, p.name, p.user, p.cpuPercent, Int64(clamping: p.residentBytes), p.ioBytesPerSecond,
                ])
            }
        }
        let saves = state.withLock { s in
            s.saves += 1
            return s.saves
        }
        if saves % 60 == 1 { try prune(now: now, db) }
    }

    private func seriesID(_ key: SeriesKey, _ db: Database) throws -> Int64 {
        if let id = state.withLock({ $0.seriesIDs[key] }) { return id }
        let text = key.description
        try db.execute(sql: "INSERT OR IGNORE INTO series (key) VALUES (?)", arguments: [text])
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM series WHERE key = ?", arguments: [text]) else {
            throw HistoryFileError("series row for \(text) vanished")
        }
        state.withLock { $0.seriesIDs[key] = id }
        return id
    }

    /// Deletes buckets older than their tier's retention and series left with none.
    private func prune(now: Double, _ db: Database) throws {
        for tier in tiers {
            let cutoff = Int((now / tier.width).rounded(.down)) - tier.buckets
            for table in ["bucket", "top_process"] {
                try db.execute(
                    sql: "DELETE FROM \(table) WHERE width_ms = ? AND bucket <= ?", arguments: [Self.milliseconds(tier.width), cutoff]
                )
            }
        }
        // Widths no tier uses any more: kept for the longest retention, then gone.
        let longest = tiers.map(\.span).max() ?? 0
        for table in ["bucket", "top_process"] {
            try db.execute(
                sql: "DELETE FROM \(table) WHERE width_ms NOT IN (\(tiers.map { String(Self.milliseconds($0.width)) }.joined(separator: ",")), -1) AND (bucket + 1) * width_ms / 1000.0 < ?",
                arguments: [now - longest]
            )
        }
        try db.execute(sql: "DELETE FROM series WHERE id NOT IN (SELECT DISTINCT series FROM bucket)")
        state.withLock { $0.seriesIDs.removeAll(keepingCapacity: true) }
    }
}
