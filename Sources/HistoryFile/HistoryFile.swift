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
    let database: DatabaseQueue
    private let lock: DirectoryLock?
    let tiers: [StoreRetention.Tier]
    let state = Mutex(WriterState())

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
}

