import Glibc
import SQLiteAccess
import SeriesStore
import Synchronization
import VitalsCore

/// Opening, reading back, and moving an unusable file aside.
extension HistoryFile {
    static func openWriter(_ path: String) throws -> SQLiteDatabase {
        let db = try SQLiteDatabase(path: path) { c in
            c.busyTimeout(milliseconds: 2000)
            try c.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -\(cacheKiB)")
            // `bucket.series` references `series(id)`: a bucket row never outlives its series.
            try c.execute("PRAGMA foreign_keys = ON")
        }
        try db.write { c in try HistorySchema.migrate(c) }
        return db
    }

    /// Which buckets a load reads, per tier: newer than `from` and no newer than `through`; of the
    /// series named in `names` only (nil: every series), and without what `skip` says the first
    /// pass read (the finest tier's buckets after `after`, of the series named in `names`).
    struct LoadRange {
        var from: [Int]
        var through: [Int]
        var names: Set<String>? = nil
        var skip: (after: Int, names: Set<String>)? = nil

        /// Everything still within each tier's retention at `now`.
        static func all(_ tiers: [StoreRetention.Tier], now: Double) -> LoadRange {
            LoadRange(from: tiers.map { Int((now / $0.width).rounded(.down)) - $0.buckets }, through: tiers.map { _ in Int.max })
        }

        /// The finest tier's newest `recent` buckets of the series named in `names` (nil: all), which
        /// is what the first frame's live graphs reach back to (the first pass), and everything
        /// else (the second).
        static func split(_ tiers: [StoreRetention.Tier], now: Double, recent: Int, names: Set<String>? = nil) -> (first: LoadRange, rest: LoadRange) {
            let all = all(tiers, now: now)
            let boundary = tiers.enumerated().map { k, tier in k == 0 ? Int((now / tier.width).rounded(.down)) - recent : Int.max - 1 }
            let first = LoadRange(from: zip(all.from, boundary).map { max($0, $1) }, through: all.through, names: names)
            guard let names, let after = boundary.first else { return (first, LoadRange(from: all.from, through: boundary)) }
            return (first, LoadRange(from: all.from, through: all.through, skip: (after, names)))
        }
    }

    /// The metric name of a series key's text (`name{labels}`), without parsing the labels.
    static func metricName(_ text: String) -> Substring {
        text.firstIndex(of: "{").map { text[..<$0] } ?? text[...]
    }

    /// Streams the buckets in `range` into `store`, oldest first per series and tier. With
    /// `perSeries`, one indexed query per series (fast for a few recent buckets); otherwise one
    /// pass over the table (fast for most of it).
    static func load(
        _ database: SQLiteDatabase, into store: SeriesStore, tiers: [StoreRetention.Tier], range: LoadRange, perSeries: Bool
    ) throws -> (Int, Double) {
        try load(database, tiers: tiers, range: range, perSeries: perSeries, batchRows: .max) { $0.apply(to: store) }
    }

    /// The same, read into batches of at most `batchRows` rows, each handed to `deliver` (which
    /// applies it to a store, under whatever lock guards that store): the file is read outside it.
    static func load(
        _ database: SQLiteDatabase, tiers: [StoreRetention.Tier], range: LoadRange, perSeries: Bool, batchRows: Int,
        deliver: (inout RestoredBuckets) -> Void
    ) throws -> (Int, Double) {
        let started = monotonicSeconds()
        var rows = 0
        var batch = RestoredBuckets()
        func take(_ series: Int64, _ bucket: Int, _ tier: Int, _ summary: BucketSummary) {
            batch.rows.append(RestoredBuckets.Row(series: series, bucket: bucket, tier: tier, summary: summary))
            if batch.rows.count >= batchRows { deliver(&batch) }
        }
        defer { if !batch.rows.isEmpty { deliver(&batch) } }
        try database.read { c in
            let version = try c.int64("PRAGMA user_version") ?? 0
            if version > HistorySchema.version {
                throw HistoryFileError("it was written by a newer vitals (schema \(version); this one reads \(HistorySchema.version))")
            }
            // Every version so far has the same `series` and `bucket` tables.
            guard version >= 1 else { return }
            // Series whose newest finest-tier buckets the first pass read.
            var skipped = Set<Int64>()
            let keyRows = try c.prepare("SELECT id, key FROM series")
            while try keyRows.step() {
                let text = keyRows.text(1)
                if let names = range.names, !names.contains(String(metricName(text))) { continue }
                guard let key = SeriesKey(text: text) else { continue }
                let series = keyRows.int64(0)
                batch.keys[series] = key
                if let skip = range.skip, skip.names.contains(key.name) { skipped.insert(series) }
            }
            for (k, tier) in tiers.enumerated() where range.from[k] < range.through[k] && range.from[k] < Int.max - 1 {
                let width = milliseconds(tier.width)
                let from = Int64(clamping: range.from[k]), through = Int64(clamping: range.through[k])
                let skipAfter = k == 0 ? range.skip?.after : nil
                if perSeries {
                    let statement = try c.prepare(
                        "SELECT series, bucket, min, max, sum, count FROM bucket WHERE series = ? AND width_ms = ? AND bucket > ? AND bucket <= ? ORDER BY bucket"
                    )
                    for series in batch.keys.keys.sorted() {
                        try statement.bind([.integer(series), .integer(width), .integer(from), .integer(through)])
                        rows += try step(statement) { series, bucket, summary in
                            take(series, bucket, k, summary)
                            return true
                        }
                    }
                } else {
                    let statement = try c.prepare(
                        "SELECT series, bucket, min, max, sum, count FROM bucket WHERE width_ms = ? AND bucket > ? AND bucket <= ? ORDER BY series, bucket"
                    )
                    try statement.bind([.integer(width), .integer(from), .integer(through)])
                    rows += try step(statement) { series, bucket, summary in
                        if let skipAfter, bucket > skipAfter, skipped.contains(series) { return false }
                        take(series, bucket, k, summary)
                        return true
                    }
                }
            }
        }
        return (rows, monotonicSeconds() - started)
    }

    /// Steps a bound `series, bucket, min, max, sum, count` statement; returns the rows taken
    /// (those `body` did not turn down by returning false).
    private static func step(_ statement: SQLiteStatement, _ body: (Int64, Int, BucketSummary) -> Bool) throws -> Int {
        defer { statement.reset() }
        var rows = 0
        while try statement.step() {
            let summary = BucketSummary(min: statement.double(2), max: statement.double(3), sum: statement.double(4), count: Int(statement.int64(5)))
            if body(statement.int64(0), Int(statement.int64(1)), summary) { rows += 1 }
        }
        return rows
    }

    /// Renames the file (and its -wal and -shm) to `…unusable-<UTC time>`, never over an existing name.
    public static func moveAside(_ path: String, now: Double) throws(HistoryFileError) -> String {
        var t = time_t(now)
        var parts = tm()
        gmtime_r(&t, &parts)
        let stamp = String(
            format4: Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec)
        )
        var target = path + ".unusable-" + stamp
        var n = 1
        while access(target, F_OK) == 0 {
            n += 1
            target = path + ".unusable-" + stamp + "-\(n)"
        }
        guard rename(path, target) == 0 || errno == ENOENT else {
            throw HistoryFileError("history file \(path) is unusable and cannot be moved aside: \(String(cString: strerror(errno)))")
        }
        for suffix in ["-wal", "-shm"] { _ = rename(path + suffix, target + suffix) }
        return target
    }

    public static func mkdirs(_ path: String) -> Bool {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if mkdir(current, 0o700) != 0, errno != EEXIST { return false }
        }
        return true
    }

    /// SQLite's page cache per connection. A save touches a few pages and the load reads the file
    /// once, front to back, so SQLite's default (2 MiB) would only be resident memory: measured
    /// 23.4 MB RSS at 200x50 with the default, against 20.0 MB without the file. 256 KiB still
    /// filled as the file grew, each minute's save adding pages: 64 KiB (16 pages, enough for the
    /// B-tree's inner pages an upsert walks) peaked at 11.98 MB after 600 s against 12.36 MB, side
    /// by side with 1,000 processes.
    static let cacheKiB = 64

    static func milliseconds(_ width: Double) -> Int64 {
        Int64((width * 1000).rounded())
    }

    static func describe(_ error: any Error) -> String {
        if let e = error as? HistoryFileError { return e.description }
        if let e = error as? SQLiteError { return e.message }
        return String(describing: error)
    }

    static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

extension String {
    /// `YYYYMMDDTHHMMSSZ`.
    fileprivate init(format4 year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int) {
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        self = "\(year)\(two(month))\(two(day))T\(two(hour))\(two(minute))\(two(second))Z"
    }
}
