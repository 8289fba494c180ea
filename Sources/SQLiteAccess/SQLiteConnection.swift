import CSQLite

/// One open SQLite connection, used by one thread at a time (`SQLiteDatabase` sees to that).
public final class SQLiteConnection {
    let handle: OpaquePointer

    init(path: String, readOnly: Bool) throws(SQLiteError) {
        var db: OpaquePointer?
        // NOMUTEX: SQLiteDatabase serialises every use; SQLite's own mutexes would be paid for nothing.
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &db, flags, nil)
        guard code == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_close(db)
            throw SQLiteError(code: code, message: message)
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
    }

    deinit { sqlite3_close_v2(handle) }

    /// How long a statement waits for another process's lock before it fails with SQLITE_BUSY.
    public func busyTimeout(milliseconds: Int32) {
        sqlite3_busy_timeout(handle, milliseconds)
    }

    /// Runs one or more statements with no result (schema, pragmas).
    public func execute(_ sql: String) throws(SQLiteError) {
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw error(code) }
    }

    public func prepare(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        try SQLiteStatement(sql, on: self)
    }

    /// The first column of the first row, as an integer (nil: no row, or NULL).
    public func int64(_ sql: String, _ values: [SQLiteValue] = []) throws(SQLiteError) -> Int64? {
        let statement = try prepare(sql)
        try statement.bind(values)
        guard try statement.step(), !statement.isNull(0) else { return nil }
        return statement.int64(0)
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    public func transaction(_ body: (SQLiteConnection) throws -> Void) throws {
        try execute("BEGIN IMMEDIATE")
        do {
            try body(self)
            try execute("COMMIT")
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    func error(_ code: Int32) -> SQLiteError {
        SQLiteError(code: code, message: String(cString: sqlite3_errmsg(handle)))
    }
}
