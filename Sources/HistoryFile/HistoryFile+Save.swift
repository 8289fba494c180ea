import SQLiteAccess
import SeriesStore
import VitalsCore

/// Saves: one transaction each, on the caller's thread or on the database's own queue.
extension HistoryFile {
    /// Writes `buckets` in one transaction (a reader writes nothing). Every 60th save also deletes
    /// rows older than each tier's retention.
    public func save(_ buckets: [PersistedBucket], top: [PersistedTopProcesses] = [], now: Double) throws(HistoryFileError) {
        guard mode == .writer else { return }
        if let message = commit(buckets, top: top, now: now) {
            throw HistoryFileError("saving history failed: \(message)")
        }
    }

    /// `save` on the database's own queue, so the caller's thread never waits for the disk.
    /// Waits until every save started so far is over.
    public func drain() {
        database.drain()
    }

    /// `then` runs on the file's queue once the save is over, whatever its outcome.
    public func saveInBackground(_ buckets: [PersistedBucket], top: [PersistedTopProcesses] = [], now: Double, then: (@Sendable () -> Void)? = nil) {
        guard mode == .writer, !buckets.isEmpty || !top.isEmpty else { return }
        database.enqueue {
            _ = self.commit(buckets, top: top, now: now)
            then?()
        }
    }

    /// Buckets that failed saves left for the next one (a full disk), and how many the bound dropped.
    public var unsavedBuckets: (waiting: Int, dropped: Int) {
        state.withLock { ($0.unsaved.buckets.count, $0.unsaved.dropped) }
    }

    /// Writes what earlier saves could not, then `buckets`, in one transaction, while no other save
    /// runs. On success the new series ids are kept; on failure nothing in memory changes but the
    /// unsaved buckets, kept for the next save. Returns the error's message, or nil.
    private func commit(_ buckets: [PersistedBucket], top: [PersistedTopProcesses], now: Double) -> String? {
        database.exclusive { c in
            var batch = state.withLock { s in
                defer { s.unsaved = UnsavedBuckets() }
                return s.unsaved
            }
            batch.append(buckets, top: top)
            var fresh: [SeriesKey: Int64] = [:]
            var pruned = false
            do {
                try c.transaction { c in pruned = try self.write(batch.buckets, top: batch.top, now: now, fresh: &fresh, c) }
                state.withLock { s in
                    // A prune may have deleted any series row, even one made in this transaction.
                    if pruned { s.seriesIDs.removeAll(keepingCapacity: true) } else { s.seriesIDs.merge(fresh) { _, new in new } }
                    s.lastError = nil
                }
                return nil
            } catch {
                batch.trim()
                let dropped = batch.dropped
                let message = Self.describe(error)
                    + (dropped > 0 ? "; \(dropped) unsaved buckets dropped, the oldest first" : "; kept for the next save")
                state.withLock { s in
                    s.unsaved = batch
                    s.lastError = message
                }
                return message
            }
        }
    }

    /// Returns whether it pruned (deleted series rows whose ids the state may hold).
    private func write(
        _ buckets: [PersistedBucket], top: [PersistedTopProcesses], now: Double, fresh: inout [SeriesKey: Int64], _ c: SQLiteConnection
    ) throws -> Bool {
        let upsert = try c.prepare("""
            INSERT INTO bucket (series, width_ms, bucket, min, max, sum, count) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (series, width_ms, bucket) DO UPDATE SET min = excluded.min, max = excluded.max,
            sum = excluded.sum, count = excluded.count
            """)
        for b in buckets where b.tier < tiers.count {
            let series = try seriesID(b.key, fresh: &fresh, c)
            try upsert.execute([
                .integer(series), .integer(Self.milliseconds(tiers[b.tier].width)), .integer(Int64(b.bucket)),
                .real(b.summary.min), .real(b.summary.max), .real(b.summary.sum), .integer(Int64(b.summary.count)),
            ])
        }
        // A bucket's processes replace what an earlier save (the open bucket at exit) left.
        let clear = try c.prepare("DELETE FROM top_process WHERE width_ms = ? AND bucket = ?")
        let insert = try c.prepare("""
            INSERT INTO top_process (width_ms, bucket, rank, pid, name, user, cpu, rss, io) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for t in top where t.tier < tiers.count {
            let width = Self.milliseconds(tiers[t.tier].width)
            try clear.execute([.integer(width), .integer(Int64(t.bucket))])
            for (rank, p) in t.processes.enumerated() {
                try insert.execute([
                    .integer(width), .integer(Int64(t.bucket)), .integer(Int64(rank)), .integer(Int64(p.pid)), .text(p.name), .text(p.user),
                    .real(p.cpuPercent), .integer(Int64(clamping: p.residentBytes)), .real(p.ioBytesPerSecond),
                ])
            }
        }
        let saves = state.withLock { s in
            s.saves += 1
            return s.saves
        }
        guard saves % 60 == 1 else { return false }
        try prune(now: now, c)
        return true
    }

    /// The series' id: known from a committed save, made in this transaction, or made now (and kept
    /// in `fresh` until the transaction commits).
    private func seriesID(_ key: SeriesKey, fresh: inout [SeriesKey: Int64], _ c: SQLiteConnection) throws -> Int64 {
        if let id = fresh[key] ?? state.withLock({ $0.seriesIDs[key] }) { return id }
        let text = key.description
        try c.prepare("INSERT OR IGNORE INTO series (key) VALUES (?)").execute([.text(text)])
        guard let id = try c.int64("SELECT id FROM series WHERE key = ?", [.text(text)]) else {
            throw HistoryFileError("series row for \(text) vanished")
        }
        fresh[key] = id
        return id
    }

    /// Deletes buckets older than their tier's retention and series left with none.
    private func prune(now: Double, _ c: SQLiteConnection) throws {
        for tier in tiers {
            let cutoff = Int((now / tier.width).rounded(.down)) - tier.buckets
            for table in ["bucket", "top_process"] {
                try c.prepare("DELETE FROM \(table) WHERE width_ms = ? AND bucket <= ?").execute([.integer(Self.milliseconds(tier.width)), .integer(Int64(cutoff))])
            }
        }
        // Widths no tier uses any more: kept for the longest retention, then gone.
        let longest = tiers.map(\.span).max() ?? 0
        for table in ["bucket", "top_process"] {
            try c.prepare(
                "DELETE FROM \(table) WHERE width_ms NOT IN (\(tiers.map { String(Self.milliseconds($0.width)) }.joined(separator: ",")), -1) AND (bucket + 1) * width_ms / 1000.0 < ?"
            ).execute([.real(now - longest)])
        }
        try c.execute("DELETE FROM series WHERE id NOT IN (SELECT DISTINCT series FROM bucket)")
    }
}
