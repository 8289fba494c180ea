import Dispatch
import Synchronization

/// A SQLite file through its C API, without Foundation: one connection, every use serialised (a
/// lock for `read` and `write` on the caller's thread, a serial queue for `enqueue`), as GRDB's
/// `DatabaseQueue` does.
public final class SQLiteDatabase: Sendable {
    public let path: String
    /// Safe to share: it is touched only inside `lock`, so by one thread at a time (SQLite's
    /// single-thread mode asks no more), and never escapes a `read`/`write` body.
    private nonisolated(unsafe) let connection: SQLiteConnection
    private let lock = Mutex(())
    private let queue: DispatchQueue

    /// Opens (or, unless `readOnly`, creates) the file; `setUp` runs once on the new connection
    /// (pragmas, schema) before anything else can use it.
    public init(path: String, readOnly: Bool = false, setUp: (SQLiteConnection) throws -> Void = { _ in }) throws {
        self.path = path
        let opened = try SQLiteConnection(path: path, readOnly: readOnly)
        try setUp(opened)
        connection = opened
        queue = DispatchQueue(label: "vitals.sqlite")
    }

    /// Runs `body` with the connection, on this thread, while nothing else uses it.
    public func read<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        try lock.withLock { _ in try body(connection) }
    }

    /// Runs `body` with the connection while nothing else uses it, for a caller that opens its own
    /// transaction and settles its own state before anyone else writes.
    public func exclusive<T>(_ body: (SQLiteConnection) -> T) -> T {
        lock.withLock { _ in body(connection) }
    }

    /// `body` on the database's own queue, after every write queued before it.
    public func enqueue(_ body: @escaping @Sendable () -> Void) {
        queue.async(execute: body)
    }

    /// `body` in one transaction, on this thread.
    public func write(_ body: (SQLiteConnection) throws -> Void) throws {
        try lock.withLock { _ in try connection.transaction(body) }
    }

    /// Waits until every `enqueue`d body so far has finished.
    public func drain() {
        queue.sync {}
    }
}
