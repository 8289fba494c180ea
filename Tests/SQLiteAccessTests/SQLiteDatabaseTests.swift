import Glibc
import SQLiteAccess
import Synchronization
import Testing
import TestSupport

@Suite struct SQLiteDatabaseTests {
    /// A fresh file in a directory of its own, removed after `body`.
    static func withPath(_ body: (String) throws -> Void) rethrows {
        let dir = Shell.run("mktemp -d /tmp/vitals-sqlite-XXXXXX").output.split(separator: "\n").first.map(String.init) ?? "/tmp/vitals-sqlite"
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        try body(dir + "/t.sqlite")
    }

    @Test func valuesGoInAndComeBackAsTheyWere() throws {
        try Self.withPath { path in
            let db = try SQLiteDatabase(path: path) { c in try c.execute("CREATE TABLE t (i INTEGER, r REAL, s TEXT, n TEXT)") }
            try db.write { c in
                try c.prepare("INSERT INTO t VALUES (?, ?, ?, ?)").execute([.integer(Int64.min), .real(-0.125), .text("名前 \u{1b}[2J \"quoted\""), .null])
            }
            let row = try db.read { c -> (Int64, Double, String, Bool) in
                let s = try c.prepare("SELECT i, r, s, n FROM t")
                #expect(try s.step())
                defer { #expect((try? s.step()) == false) }
                return (s.int64(0), s.double(1), s.text(2), s.isNull(3))
            }
            #expect(row.0 == Int64.min && row.1 == -0.125 && row.2 == "名前 \u{1b}[2J \"quoted\"" && row.3)
            #expect(try db.read { try $0.int64("SELECT count(*) FROM t WHERE i < ?", [.integer(0)]) } == 1)
            #expect(try db.read { try $0.int64("SELECT n FROM t") } == nil, "NULL is nil")
        }
    }

    @Test func aFailedTransactionLeavesNothingAndSaysWhy() throws {
        try Self.withPath { path in
            let db = try SQLiteDatabase(path: path) { c in try c.execute("CREATE TABLE t (k INTEGER PRIMARY KEY)") }
            #expect(throws: SQLiteError.self) {
                try db.write { c in
                    try c.prepare("INSERT INTO t VALUES (1)").execute()
                    try c.prepare("INSERT INTO t VALUES (1)").execute()
                }
            }
            #expect(try db.read { try $0.int64("SELECT count(*) FROM t") } == 0, "rolled back")
            do {
                _ = try db.read { try $0.prepare("SELEC nonsense") }
                Issue.record("bad SQL was accepted")
            } catch let error as SQLiteError {
                #expect(error.description.contains("syntax error"), "\(error)")
            }
        }
    }

    @Test func readOnlyRefusesWritesAndAMissingFileIsAnError() throws {
        try Self.withPath { path in
            _ = try SQLiteDatabase(path: path) { c in try c.execute("CREATE TABLE t (k INTEGER)") }
            let reader = try SQLiteDatabase(path: path, readOnly: true)
            #expect(throws: SQLiteError.self) { try reader.write { c in try c.execute("INSERT INTO t VALUES (1)") } }
            #expect(throws: SQLiteError.self) { try SQLiteDatabase(path: path + ".missing", readOnly: true) }
        }
    }

    @Test func backgroundWritesRunInOrderOffTheCallersThread() throws {
        try Self.withPath { path in
            let db = try SQLiteDatabase(path: path) { c in try c.execute("CREATE TABLE t (k INTEGER)") }
            let errors = Mutex(0)
            for k in 0..<50 {
                db.enqueue {
                    do {
                        try db.write { c in try c.prepare("INSERT INTO t VALUES (?)").execute([.integer(Int64(k))]) }
                    } catch {
                        errors.withLock { $0 += 1 }
                    }
                }
            }
            db.drain()
            #expect(errors.withLock { $0 } == 0)
            let order = try db.read { c -> [Int64] in
                let s = try c.prepare("SELECT k FROM t ORDER BY rowid")
                var out: [Int64] = []
                while try s.step() { out.append(s.int64(0)) }
                return out
            }
            #expect(order == (0..<50).map(Int64.init))
        }
    }
}
