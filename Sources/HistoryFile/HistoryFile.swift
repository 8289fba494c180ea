import GRDB
import GRDBSQLite
import Glibc
import SeriesStore
import Synchronization
import VitalsCore

/// The store's coarse tiers on disk: `history.sqlite` in the data directory, SQLite in WAL mode
/// through GRDB, one transaction per save (the dashboard saves once a minute).
///
/// - A `kill -9` loses at most the save in flight: a committed transaction is in the WAL file.
/// - A file that cannot be read, is corrupt, or comes from a newer vitals is moved aside
///   (`history.sqlite.unusable-<time>`, with its -wal and -shm) and a fresh one started; the reason
///   is in `notices`. Nothing is overwritten.
/// - One process writes per directory (an `flock` on `history.lock`); another one reads the history
///   and runs without writing (`mode == .reader`), and says so in `notices`.
public final class HistoryFile: Sendable {
    public enum Mode: Sendable, Equatable {
        case writer
        case reader(holderPID: String)
    }

    public let path: String
    public let mode: Mode
    /// What the user should be told (shown in the status line).
    public let notices: [String]
    /// Rows read back at open, and how long that took.
    public let loadedBuckets: Int
    public let loadSeconds: Double
    private let database: DatabaseQueue
    private let lock: DirectoryLock?
    private let tiers: [StoreRetention.Tier]
    private let state = Mutex(WriterState())

    struct WriterState {
        var seriesIDs: [SeriesKey: Int64] = [:]
        var saves = 0
        var lastError: String?
    }

    /// Opens (or creates) the history in `directory` and restores what it holds into `store`.
    public static func open(
        directory: String, store: SeriesStore, now: Double
    ) throws(HistoryFileError) -> HistoryFile {
        guard mkdirs(directory) else {
            throw HistoryFileError("cannot create \(directory): \(String(cString: strerror(errno)))")
        }
        let path = directory + "/history.sqlite"
        let tiers = store.retention.tiers
        switch try DirectoryLock.acquire(directory: directory) {
        case let .failure(holder):
            let note = "history in \(directory) is written by another vitals (pid \(holder.pid)); this one does not write it"
            var config = Configuration()
            config.readonly = true
            config.prepareDatabase { db in try db.execute(sql: "PRAGMA cache_size = -\(cacheKiB)") }
            do {
                let db = try DatabaseQueue(path: path, configuration: config)
                let (rows, seconds) = try load(db, into: store, tiers: tiers, now: now)
                return HistoryFile(path: path, mode: .reader(holderPID: holder.pid), notices: [note], database: db, lock: nil, tiers: tiers, loaded: rows, seconds: seconds)
            } catch {
                throw HistoryFileError(note + "; reading it failed: \(Self.describe(error))")
            }
        case let .success(lock):
            var notices: [String] = []
            do {
                let db = try openWriter(path)
                let (rows, seconds) = try load(db, into: store, tiers: tiers, now: now)
                return HistoryFile(path: path, mode: .writer, notices: notices, database: db, lock: lock, tiers: tiers, loaded: rows, seconds: seconds)
            } catch {
                let aside = try moveAside(path, now: now)
                notices.append("history file unusable (\(Self.describe(error))); moved to \(aside), starting afresh")
            }
            do {
                let db = try openWriter(path)
                return HistoryFile(path: path, mode: .writer, notices: notices, database: db, lock: lock, tiers: tiers, loaded: 0, seconds: 0)
            } catch {
                throw HistoryFileError("cannot create \(path): \(Self.describe(error))")
            }
        }
    }

    private init(
        path: String, mode: Mode, notices: [String], database: DatabaseQueue, lock: DirectoryLock?,
        tiers: [StoreRetention.Tier], loaded: Int, seconds: Double
    ) {
        self.path = path
        self.mode = mode
        self.notices = notices
        self.database = database
        self.lock = lock
        self.tiers = tiers
        loadedBuckets = loaded
        loadSeconds = seconds
    }

    /// The last save's error, if it failed (the next save tries again).
    public var lastError: String? { state.withLock { $0.lastError } }

    // MARK: Saving

    /// Writes `buckets` in one transaction (a reader writes nothing). Every 60th save also deletes
    /// rows older than each tier's retention.
    public func save(_ buckets: [PersistedBucket], now: Double) throws(HistoryFileError) {
        guard mode == .writer else { return }
        do {
            try database.write { db in try self.write(buckets, now: now, db) }
            state.withLock { $0.lastError = nil }
        } catch {
            let message = Self.describe(error)
            state.withLock { $0.lastError = message }
            throw HistoryFileError("saving history failed: \(message)")
        }
    }

    /// `save` on GRDB's writer queue, so the caller's thread never waits for the disk.
    public func saveInBackground(_ buckets: [PersistedBucket], now: Double) {
        guard mode == .writer, !buckets.isEmpty else { return }
        database.asyncWrite({ db in try self.write(buckets, now: now, db) }, completion: { _, result in
            let message: String? = switch result {
            case .success: nil
            case let .failure(error): Self.describe(error)
            }
            self.state.withLock { $0.lastError = message }
        })
    }

    private func write(_ buckets: [PersistedBucket], now: Double, _ db: Database) throws {
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
            try db.execute(
                sql: "DELETE FROM bucket WHERE width_ms = ? AND bucket <= ?", arguments: [Self.milliseconds(tier.width), cutoff]
            )
        }
        // Widths no tier uses any more: kept for the longest retention, then gone.
        let longest = tiers.map(\.span).max() ?? 0
        try db.execute(
            sql: "DELETE FROM bucket WHERE width_ms NOT IN (\(tiers.map { String(Self.milliseconds($0.width)) }.joined(separator: ",")), -1) AND (bucket + 1) * width_ms / 1000.0 < ?",
            arguments: [now - longest]
        )
        try db.execute(sql: "DELETE FROM series WHERE id NOT IN (SELECT DISTINCT series FROM bucket)")
        state.withLock { $0.seriesIDs.removeAll(keepingCapacity: true) }
    }

    // MARK: Opening and loading

    private static func openWriter(_ path: String) throws -> DatabaseQueue {
        var config = Configuration()
        config.journalMode = .wal
        config.busyMode = .timeout(2)
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -\(cacheKiB)") }
        let db = try DatabaseQueue(path: path, configuration: config)
        try db.write { db in try HistorySchema.migrate(db) }
        return db
    }

    /// Streams every bucket still within its tier's retention into `store`, oldest first per series.
    private static func load(
        _ database: DatabaseQueue, into store: SeriesStore, tiers: [StoreRetention.Tier], now: Double
    ) throws -> (Int, Double) {
        let started = monotonicSeconds()
        var rows = 0
        try database.read { db in
            let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
            if version > HistorySchema.version {
                throw HistoryFileError("it was written by a newer vitals (schema \(version); this one reads \(HistorySchema.version))")
            }
            guard version == HistorySchema.version else { return }
            var keys: [Int64: SeriesKey] = [:]
            let keyRows = try Row.fetchCursor(db, sql: "SELECT id, key FROM series")
            while let row = try keyRows.next() {
                if let key = SeriesKey(text: row[1]) { keys[row[0]] = key }
            }
            var ids: [Int64: SeriesID] = [:]
            for (k, tier) in tiers.enumerated() {
                let cutoff = Int((now / tier.width).rounded(.down)) - tier.buckets
                // Rows are stepped with SQLite's C API: GRDB's Row costs ~3x per row, and a 30-day
                // file holds over a million of them.
                let statement = try db.makeStatement(
                    sql: "SELECT series, bucket, min, max, sum, count FROM bucket WHERE width_ms = ? AND bucket > ? ORDER BY series, bucket"
                )
                try statement.setArguments([milliseconds(tier.width), cutoff])
                let sql = statement.sqliteStatement
                defer { sqlite3_reset(sql) }
                while true {
                    let code = sqlite3_step(sql)
                    if code == SQLITE_DONE { break }
                    guard code == SQLITE_ROW else {
                        throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
                    }
                    let series = sqlite3_column_int64(sql, 0)
                    let id: SeriesID
                    if let known = ids[series] {
                        id = known
                    } else {
                        guard let key = keys[series], let fresh = store.id(for: key) else { continue }
                        ids[series] = fresh
                        id = fresh
                    }
                    let summary = BucketSummary(
                        min: sqlite3_column_double(sql, 2), max: sqlite3_column_double(sql, 3),
                        sum: sqlite3_column_double(sql, 4), count: Int(sqlite3_column_int64(sql, 5))
                    )
                    store.restore(summary, bucket: Int(sqlite3_column_int64(sql, 1)), tier: k, for: id)
                    rows += 1
                }
            }
        }
        return (rows, monotonicSeconds() - started)
    }

    /// Renames the file (and its -wal and -shm) to `…unusable-<UTC time>`, never over an existing name.
    private static func moveAside(_ path: String, now: Double) throws(HistoryFileError) -> String {
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

    private static func mkdirs(_ path: String) -> Bool {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if mkdir(current, 0o700) != 0, errno != EEXIST { return false }
        }
        return true
    }

    /// SQLite's page cache per connection. A save touches a few pages and the load reads the file
    /// once, front to back, so SQLite's default (2 MiB) would only be resident memory: measured
    /// 23.4 MB RSS at 200x50 with the default, against 20.0 MB without the file.
    static let cacheKiB = 256

    static func milliseconds(_ width: Double) -> Int64 {
        Int64((width * 1000).rounded())
    }

    static func describe(_ error: any Error) -> String {
        if let e = error as? HistoryFileError { return e.description }
        if let e = error as? DatabaseError { return e.message ?? e.resultCode.description }
        return String(describing: error)
    }

    private static func monotonicSeconds() -> Double {
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
