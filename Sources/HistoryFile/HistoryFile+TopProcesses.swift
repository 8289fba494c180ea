import GRDB
import SeriesStore

/// Time travel's processes from the file: a closed coarse bucket's heaviest, read on demand (the
/// store keeps only the raw ring and the open buckets in memory).
extension HistoryFile {
    /// The heaviest processes of the finest tier's bucket that holds `time` and was saved; nil when
    /// none was (older than retention, or before vitals ran), or when the file cannot be read.
    public func topProcesses(at time: Double) -> TopProcessMoment? {
        try? database.read { db -> TopProcessMoment? in
            let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
            guard version >= 2 else { return nil }
            let select = try db.cachedStatement(sql: """
                SELECT pid, name, user, cpu, rss, io FROM top_process WHERE width_ms = ? AND bucket = ? ORDER BY rank
                """)
            for tier in tiers {
                let bucket = Int((time / tier.width).rounded(.down))
                let rows = try Row.fetchAll(select, arguments: [Self.milliseconds(tier.width), bucket])
                guard !rows.isEmpty else { continue }
                let processes = rows.map { row in
                    TopProcess(
                        pid: row[0], name: row[1], user: row[2], cpuPercent: row[3],
                        residentBytes: UInt64(clamping: row[4] as Int64), ioBytesPerSecond: row[5]
                    )
                }
                return TopProcessMoment(time: Double(bucket) * tier.width, width: tier.width, processes: processes)
            }
            return nil
        }
    }
}
