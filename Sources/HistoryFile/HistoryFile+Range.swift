import GRDB

extension HistoryFile {
    /// The first and last moments the file holds buckets for (the start of its oldest bucket and
    /// the end of the finest tier's newest: a coarse bucket runs on past the recording), or nil
    /// when it holds none or cannot be read.
    public var recordedRange: (first: Double, last: Double)? {
        try? database.read { db -> (Double, Double)? in
            guard let row = try Row.fetchOne(db, sql: """
                    SELECT min(bucket * width_ms), max(CASE WHEN width_ms = (SELECT min(width_ms) FROM bucket) THEN (bucket + 1) * width_ms END)
                    FROM bucket
                    """),
                  let first = row[0] as Int64?, let last = row[1] as Int64? else { return nil }
            return (Double(first) / 1000, Double(last) / 1000)
        }
    }
}
