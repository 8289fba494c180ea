import CSQLite

/// A prepared statement on a connection the caller holds (inside `SQLiteDatabase.read`/`write`).
/// Bind with `bind`, then `step` until it returns false; `reset` to run it again. Finalised on deinit.
public final class SQLiteStatement {
    let handle: OpaquePointer
    private let connection: SQLiteConnection

    init(_ sql: String, on connection: SQLiteConnection) throws(SQLiteError) {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(connection.handle, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else { throw connection.error(code) }
        handle = statement
        self.connection = connection
    }

    deinit { sqlite3_finalize(handle) }

    /// Binds values to `?1…?n`, after a reset (the statement is ready to step).
    public func bind(_ values: [SQLiteValue]) throws(SQLiteError) {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (i, value) in values.enumerated() {
            let index = Int32(i + 1)
            let code: Int32 = switch value {
            case let .integer(n): sqlite3_bind_int64(handle, index, n)
            case let .real(d): sqlite3_bind_double(handle, index, d)
            case let .text(s): sqlite3_bind_text(handle, index, s, -1, vitals_sqlite_transient())
            case .null: sqlite3_bind_null(handle, index)
            }
            guard code == SQLITE_OK else { throw connection.error(code) }
        }
    }

    /// One step: true while a row is ready to be read, false when done.
    public func step() throws(SQLiteError) -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        throw connection.error(code)
    }

    /// Binds and steps to the end (INSERT, UPDATE, DELETE).
    public func execute(_ values: [SQLiteValue] = []) throws(SQLiteError) {
        try bind(values)
        while try step() {}
    }

    public func reset() { sqlite3_reset(handle) }

    public func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    public func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }
    public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
    public func text(_ column: Int32) -> String {
        guard let bytes = sqlite3_column_text(handle, column) else { return "" }
        return String(cString: bytes)
    }

    // MARK: By column name (`SELECT *`)

    private lazy var columns: [String: Int32] = {
        var out: [String: Int32] = [:]
        for i in 0..<sqlite3_column_count(handle) {
            if let name = sqlite3_column_name(handle, i) { out[String(cString: name)] = i }
        }
        return out
    }()

    /// The column's index; a name the statement does not select is a programming error.
    public func column(_ name: String) -> Int32 {
        guard let index = columns[name] else { preconditionFailure("no column \(name) in the statement") }
        return index
    }

    public func int64(_ name: String) -> Int64 { int64(column(name)) }
    public func double(_ name: String) -> Double { double(column(name)) }
    public func text(_ name: String) -> String { text(column(name)) }
    /// nil for NULL.
    public func optionalDouble(_ name: String) -> Double? { isNull(column(name)) ? nil : double(column(name)) }
}

/// A value bound to a statement.
public enum SQLiteValue: Sendable, Equatable {
    case integer(Int64)
    case real(Double)
    case text(String)
    case null
}

extension SQLiteValue: ExpressibleByIntegerLiteral, ExpressibleByStringLiteral, ExpressibleByFloatLiteral {
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(stringLiteral value: String) { self = .text(value) }
    public init(floatLiteral value: Double) { self = .real(value) }
}
