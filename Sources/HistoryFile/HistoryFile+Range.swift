import SQLiteAccess

extension HistoryFile {
    /// The first and last moments the file holds buckets for (the start of its oldest bucket and
    /// the end of the finest tier's newest: a coarse bucket runs on past the recording), or nil
    /// when it holds none or cannot be read.
    public var recordedRange: (first: Double, last: Double)? {
        try? database.read { c -> (Double, Double)? in
            let row = try c.prepare("""
                SELECT min(bucket * width_ms), max(CASE WHEN width_ms = (SELECT min(width_ms) FROM bucket) THEN (bucket + 1) * width_ms END)
                FROM bucket
                """)
            guard try row.step(), !row.isNull(0), !row.isNull(1) else { return nil }
            return (Double(row.int64(0)) / 1000, Double(row.int64(1)) / 1000)
        }
    }
}
