import GRDB

/// The history file's tables. `user_version` is the schema version; a file from a newer vitals is
/// moved aside, never rewritten.
///
/// - `series`: one row per series key, in the Prometheus text form (`name{a="x"}`).
/// - `bucket`: one row per series, tier width and bucket number (`floor(time / width)`), holding
///   min, max, sum and count. Keyed by width, not tier position, so changing retention keeps old rows
///   readable.
enum HistorySchema {
    static let version = 1

    static func migrate(_ db: Database) throws {
        let found = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        if found > version {
            throw HistoryFileError("it was written by a newer vitals (schema \(found); this one reads \(version))")
        }
        guard found < version else { return }
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS series (
                id INTEGER PRIMARY KEY,
                key TEXT NOT NULL UNIQUE
            );
            CREATE TABLE IF NOT EXISTS bucket (
                series INTEGER NOT NULL REFERENCES series(id),
                width_ms INTEGER NOT NULL,
                bucket INTEGER NOT NULL,
                min REAL NOT NULL,
                max REAL NOT NULL,
                sum REAL NOT NULL,
                count INTEGER NOT NULL,
                PRIMARY KEY (series, width_ms, bucket)
            ) WITHOUT ROWID;
            PRAGMA user_version = \(version);
            """)
    }
}
