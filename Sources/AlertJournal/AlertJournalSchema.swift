import SQLiteAccess

/// `alerts.sqlite`, version 2 (version 1 had silences by fingerprint only; its rows get an id).
///
/// - `alert`: one row per episode (rule + labels + the time the condition first held), updated
///   as it moves through its phases.
/// - `transition`: every phase change.
/// - `silence`: silences, kept after they expire (they are history too): one alert's (by
///   fingerprint) or by matchers (one per line, as `AlertMatcher.text`), with an id, a comment
///   and who made it.
/// - `outbox`: notifications waiting for, or done with, delivery; one row per notifier and key.
enum AlertJournalSchema {
    static let version = 2

    static func migrate(_ c: SQLiteConnection) throws {
        let current = try c.int64("PRAGMA user_version") ?? 0
        guard current <= version else {
            throw AlertJournalError("alerts file has schema version \(current), newer than this vitals (\(version))")
        }
        guard current < version else { return }
        if current == 1 {
            try c.execute("""
                ALTER TABLE silence ADD COLUMN uid TEXT NOT NULL DEFAULT '';
                ALTER TABLE silence ADD COLUMN matchers TEXT NOT NULL DEFAULT '';
                ALTER TABLE silence ADD COLUMN comment TEXT NOT NULL DEFAULT '';
                ALTER TABLE silence ADD COLUMN created_by TEXT NOT NULL DEFAULT '';
                UPDATE silence SET uid = printf('%016x', id);
                PRAGMA user_version = \(version);
                """)
            return
        }
        try c.execute("""
            CREATE TABLE alert (
                id INTEGER PRIMARY KEY,
                fingerprint TEXT NOT NULL,
                rule TEXT NOT NULL,
                labels TEXT NOT NULL, -- a JSON object
                severity TEXT NOT NULL,
                state TEXT NOT NULL,
                active_at REAL NOT NULL,
                fired_at REAL,
                resolved_at REAL,
                value REAL,
                notified INTEGER NOT NULL DEFAULT 0,
                notifications INTEGER NOT NULL DEFAULT 0,
                notified_at REAL,
                updated_at REAL NOT NULL,
                UNIQUE (fingerprint, active_at)
            );
            CREATE INDEX alert_state ON alert(state);
            CREATE INDEX alert_updated ON alert(updated_at);
            CREATE TABLE transition (
                id INTEGER PRIMARY KEY,
                alert INTEGER NOT NULL REFERENCES alert(id) ON DELETE CASCADE,
                time REAL NOT NULL,
                from_state TEXT NOT NULL,
                to_state TEXT NOT NULL,
                value REAL
            );
            CREATE INDEX transition_alert ON transition(alert);
            CREATE TABLE silence (
                id INTEGER PRIMARY KEY,
                fingerprint TEXT NOT NULL,
                rule TEXT NOT NULL,
                labels TEXT NOT NULL,
                created_at REAL NOT NULL,
                until REAL NOT NULL,
                uid TEXT NOT NULL DEFAULT '',
                matchers TEXT NOT NULL DEFAULT '',
                comment TEXT NOT NULL DEFAULT '',
                created_by TEXT NOT NULL DEFAULT ''
            );
            CREATE TABLE outbox (
                id INTEGER PRIMARY KEY,
                notifier TEXT NOT NULL,
                key TEXT NOT NULL,
                fingerprint TEXT NOT NULL,
                message TEXT NOT NULL,
                created_at REAL NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt REAL NOT NULL,
                delivered_at REAL,
                dead_at REAL,
                last_error TEXT,
                UNIQUE (notifier, key)
            );
            CREATE INDEX outbox_due ON outbox(notifier, next_attempt) WHERE delivered_at IS NULL AND dead_at IS NULL;
            PRAGMA user_version = \(version);
            """)
    }
}
