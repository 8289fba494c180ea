import SQLiteAccess
import SeriesStore

/// Time travel's processes from the file: a closed coarse bucket's heaviest, read on demand (the
/// store keeps only the raw ring and the open buckets in memory).
extension HistoryFile {
    /// The heaviest processes of the finest tier's bucket that holds `time` and was saved; nil when
    /// none was (older than retention, or before vitals ran), or when the file cannot be read.
    public func topProcesses(at time: Double) -> TopProcessMoment? {
        try? database.read { c -> TopProcessMoment? in
            guard try (c.int64("PRAGMA user_version") ?? 0) >= 2 else { return nil }
            let select = try c.prepare("SELECT pid, name, user, cpu, rss, io FROM top_process WHERE width_ms = ? AND bucket = ? ORDER BY rank")
            for tier in tiers {
                let bucket = Int((time / tier.width).rounded(.down))
                try select.bind([.integer(Self.milliseconds(tier.width)), .integer(Int64(bucket))])
                var processes: [TopProcess] = []
                while try select.step() {
                    processes.append(TopProcess(
                        pid: Int32(truncatingIfNeeded: select.int64(0)), name: select.text(1), user: select.text(2), cpuPercent: select.double(3),
                        residentBytes: UInt64(clamping: select.int64(4)), ioBytesPerSecond: select.double(5)
                    ))
                }
                guard !processes.isEmpty else { continue }
                return TopProcessMoment(time: Double(bucket) * tier.width, width: tier.width, processes: processes)
            }
            return nil
        }
    }
}
