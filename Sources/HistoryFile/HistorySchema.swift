import SQLiteAccess

/// The history file's tables. `user_version` is the schema version; a file from a newer vitals is
/// moved aside, never rewritten.
///
/// - `series`: one row per series key, in the Prometheus text form (`name{a="x"}`).
/// - `bucket`: one row per series, tier width and bucket number (`floor(time / width)`), holding
///   min, max, sum and count. Keyed by width, not tier position, so changing retention keeps old rows
///   readable.
/// - `top_process` (version 2): a coarse bucket's heaviest processes, one row each, `rank` 0 the
///   heaviest by CPU (see `TopProcessHistory`).
///
/// Foreign keys are enforced on the writer's connection (`PRAGMA foreign_keys`).
///
/// Older files are upgraded in place when opened for writing and read as they are otherwise:
/// version 1 gains `top_process`; versions before 3 lose `bucket` rows whose series row is gone
/// (a save that failed on a full disk could leave them, and a later series given the same id would
/// have read them as its own).
enum HistorySchema {
    static let version = 3

    static func migrate(_ c: SQLiteConnection) throws {
        let found = try c.int64("PRAGMA user_version") ?? 0
        if found > version {
            throw HistoryFileError("it was written by a newer vitals (schema \(found); this one reads \(version))")
        }
        guard found < version else { return }
        try c.execute("""
            CREATE TABLE IF NOT EXISTS top_process (
                width_ms INTEGER NOT NULL,
                bucket INTEGER NOT NULL,
                rank INTEGER NOT NULL,
                pid INTEGER NOT NULL,
                name TEXT NOT NULL,
                user TEXT NOT NULL,
                cpu REAL NOT NULL,
                rss INTEGER NOT NULL,
                io REAL NOT NULL,
                PRIMARY KEY (width_ms, bucket, rank)
            ) WITHOUT ROWID;
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
            DELETE FROM bucket WHERE series NOT IN (SELECT id FROM series);
            PRAGMA user_version = \(version);
            """)
    }
}
