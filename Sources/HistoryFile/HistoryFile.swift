import Glibc
import SQLiteAccess
import SeriesStore
import Synchronization
import VitalsCore

/// The store's coarse tiers on disk: `history.sqlite` in the data directory, SQLite in WAL mode
/// through its C API (`SQLiteAccess`: no Foundation on the dashboard's path), one transaction per
/// save (the dashboard saves once a minute).
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
    /// What `loadRest(into:)` still has to read (nil: everything was read at open).
    let rest: LoadRange?
    let database: SQLiteDatabase
    private let lock: DirectoryLock?
    let tiers: [StoreRetention.Tier]
    let state = Mutex(WriterState())

    /// Only what the file holds: a series id enters `seriesIDs` once the transaction that made it
    /// has committed.
    struct WriterState {
        var seriesIDs: [SeriesKey: Int64] = [:]
        var saves = 0
        var lastError: String?
        var unsaved = UnsavedBuckets()
    }

    /// Opens (or creates) the history in `directory` and restores what it holds into `store`.
    /// With `recentBuckets`, only the finest tier's newest buckets are read now (a few milliseconds,
    /// so the first frame has them), and with `firstSeries` only for the series of those metric names
    /// (what the first frame draws); `loadRest(into:)` reads everything else later.
    public static func open(
        directory: String, store: SeriesStore, now: Double, recentBuckets: Int? = nil, firstSeries: Set<String>? = nil
    ) throws(HistoryFileError) -> HistoryFile {
        try open(directory: directory, store: store, now: now, recentBuckets: recentBuckets, firstSeries: firstSeries, readOnly: false)
    }

    /// Reads the history in `directory` without taking its lock or writing anything, not even a
    /// schema upgrade (`vitals replay` over a copy of another host's data directory): every bucket
    /// within retention of the recording's end. A missing or unreadable file is an error here,
    /// never replaced.
    public static func openForReplay(directory: String, store: SeriesStore, now: Double) throws(HistoryFileError) -> HistoryFile {
        let path = directory + "/history.sqlite"
        guard access(path, R_OK) == 0 else {
            throw HistoryFileError("no history to replay in \(directory): \(path): \(String(cString: strerror(errno)))")
        }
        return try open(directory: directory, store: store, now: now, recentBuckets: nil, firstSeries: nil, readOnly: true)
    }

    private static func open(
        directory: String, store: SeriesStore, now: Double, recentBuckets: Int?, firstSeries: Set<String>?, readOnly: Bool
    ) throws(HistoryFileError) -> HistoryFile {
        if readOnly {
            let path = directory + "/history.sqlite"
            do {
                let db = try SQLiteDatabase(path: path, readOnly: true)
                // Retention counts back from the recording's end, not from today.
                let end = try db.read { c in try c.int64("SELECT max((bucket + 1) * width_ms) FROM bucket") }
                let replayNow = end.map { Double($0) / 1000 } ?? now
                let (rows, seconds) = try load(db, into: store, tiers: store.retention.tiers, range: LoadRange.all(store.retention.tiers, now: replayNow), perSeries: false)
                return HistoryFile(
                    path: path, mode: .reader(holderPID: ""), notices: [], database: db, lock: nil, tiers: store.retention.tiers,
                    loaded: rows, seconds: seconds, rest: nil
                )
            } catch {
                throw HistoryFileError("cannot replay \(path): \(Self.describe(error))")
            }
        }
        guard mkdirs(directory) else {
            throw HistoryFileError("cannot create \(directory): \(String(cString: strerror(errno)))")
        }
        let path = directory + "/history.sqlite"
        let tiers = store.retention.tiers
        let (first, rest): (LoadRange, LoadRange?) = if let recentBuckets {
            LoadRange.split(tiers, now: now, recent: recentBuckets, names: firstSeries)
        } else {
            (LoadRange.all(tiers, now: now), nil)
        }
        switch try DirectoryLock.acquire(directory: directory) {
        case let .failure(holder):
            let note = "history in \(directory) is written by another vitals (pid \(holder.pid)); this one does not write it"
            do {
                let db = try SQLiteDatabase(path: path, readOnly: true) { c in try c.execute("PRAGMA cache_size = -\(cacheKiB)") }
                let (rows, seconds) = try load(db, into: store, tiers: tiers, range: first, perSeries: rest != nil)
                return HistoryFile(
                    path: path, mode: .reader(holderPID: holder.pid), notices: [note], database: db, lock: nil, tiers: tiers,
                    loaded: rows, seconds: seconds, rest: rest
                )
            } catch {
                throw HistoryFileError(note + "; reading it failed: \(Self.describe(error))")
            }
        case let .success(lock):
            var notices: [String] = []
            do {
                let db = try openWriter(path)
                let (rows, seconds) = try load(db, into: store, tiers: tiers, range: first, perSeries: rest != nil)
                return HistoryFile(path: path, mode: .writer, notices: notices, database: db, lock: lock, tiers: tiers, loaded: rows, seconds: seconds, rest: rest)
            } catch {
                let aside = try moveAside(path, now: now)
                notices.append("history file unusable (\(Self.describe(error))); moved to \(aside), starting afresh")
            }
            do {
                let db = try openWriter(path)
                return HistoryFile(path: path, mode: .writer, notices: notices, database: db, lock: lock, tiers: tiers, loaded: 0, seconds: 0, rest: nil)
            } catch {
                throw HistoryFileError("cannot create \(path): \(Self.describe(error))")
            }
        }
    }

    private init(
        path: String, mode: Mode, notices: [String], database: SQLiteDatabase, lock: DirectoryLock?,
        tiers: [StoreRetention.Tier], loaded: Int, seconds: Double, rest: LoadRange?
    ) {
        self.rest = rest
        self.path = path
        self.mode = mode
        self.notices = notices
        self.database = database
        self.lock = lock
        self.tiers = tiers
        loadedBuckets = loaded
        loadSeconds = seconds
    }

    /// The second pass after `open(…recentBuckets:)`: every older bucket still within retention,
    /// filled in behind what the store holds. Returns the rows read and the seconds it took.
    public func loadRest(into store: SeriesStore) throws(HistoryFileError) -> (rows: Int, seconds: Double) {
        try loadRest(batchRows: .max) { $0.apply(to: store) }
    }

    /// The same second pass, read in batches of at most `batchRows` rows, each handed to `apply`:
    /// the caller applies it to its store under the store's lock, and the file is read outside it.
    public func loadRest(batchRows: Int, apply: (inout RestoredBuckets) -> Void) throws(HistoryFileError) -> (rows: Int, seconds: Double) {
        guard let rest else { return (0, 0) }
        do {
            return try Self.load(database, tiers: tiers, range: rest, perSeries: false, batchRows: batchRows, deliver: apply)
        } catch {
            throw HistoryFileError("reading older history failed: \(Self.describe(error))")
        }
    }

    /// The last save's error, if it failed (the next save tries again).
    public var lastError: String? { state.withLock { $0.lastError } }
}

