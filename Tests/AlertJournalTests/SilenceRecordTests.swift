import AlertJournal
import Alerting
import GRDB
import Testing
import TestSupport

/// Silences in alerts.sqlite: by matchers, with their comment and author, back after a restart;
/// ended by id; and a version 1 file (silences by fingerprint only) upgraded in place.
@Suite struct SilenceRecordTests {
    let t0 = 1_795_300_000.0

    @Test func aSilenceByMatchersComesBackAndEndsByID() throws {
        let dir = Fixtures.temporaryDirectory("vitals-silences")
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        let matchers = try AlertMatcherParser.parse(#"alertname="load-high", host=~"db[0-9]+", note!="say \"hi\"""#)
        let silence = AlertSilence(fingerprint: "", rule: "load-high", labels: "", from: t0, until: t0 + 3600, matchers: matchers, comment: "disk swap", createdBy: "ann")
        let other = AlertSilence(fingerprint: "abc", rule: "x", labels: "", from: t0, until: t0 + 3600)
        do {
            let journal = try AlertJournal.open(directory: dir, now: t0)
            try journal.addSilence(silence)
            try journal.addSilence(other)
            try journal.endSilence(id: other.id, at: t0 + 10)
        }
        let journal = try AlertJournal.open(directory: dir, now: t0 + 60)
        let restored = try journal.restoreState(now: t0 + 60)
        #expect(restored.silences == [silence], "the running one, whole; the ended one not")
        #expect(try journal.silences().map(\.id) == [other.id, silence.id])
        #expect(try journal.silences().first?.until == t0 + 10)
    }

    @Test func aVersion1FileIsUpgraded() throws {
        let dir = Fixtures.temporaryDirectory("vitals-silences-v1")
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        do {
            let database = try DatabaseQueue(path: dir + "/alerts.sqlite")
            try database.write { db in
                try db.execute(sql: """
                    CREATE TABLE alert (id INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL, rule TEXT NOT NULL, labels TEXT NOT NULL,
                        severity TEXT NOT NULL, state TEXT NOT NULL, active_at REAL NOT NULL, fired_at REAL, resolved_at REAL, value REAL,
                        notified INTEGER NOT NULL DEFAULT 0, notifications INTEGER NOT NULL DEFAULT 0, notified_at REAL,
                        updated_at REAL NOT NULL, UNIQUE (fingerprint, active_at));
                    CREATE TABLE transition (id INTEGER PRIMARY KEY, alert INTEGER NOT NULL REFERENCES alert(id) ON DELETE CASCADE,
                        time REAL NOT NULL, from_state TEXT NOT NULL, to_state TEXT NOT NULL, value REAL);
                    CREATE TABLE silence (id INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL, rule TEXT NOT NULL, labels TEXT NOT NULL,
                        created_at REAL NOT NULL, until REAL NOT NULL);
                    CREATE TABLE outbox (id INTEGER PRIMARY KEY, notifier TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL,
                        message TEXT NOT NULL, created_at REAL NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_attempt REAL NOT NULL,
                        delivered_at REAL, dead_at REAL, last_error TEXT, UNIQUE (notifier, key));
                    INSERT INTO silence (fingerprint, rule, labels, created_at, until) VALUES ('abc', 'load-high', 'host=db1', \(t0), \(t0 + 3600));
                    PRAGMA user_version = 1;
                    """)
            }
        }
        let journal = try AlertJournal.open(directory: dir, now: t0 + 60)
        let restored = try journal.restoreState(now: t0 + 60)
        let silence = try #require(restored.silences.first)
        #expect(silence.fingerprint == "abc" && silence.id == "0000000000000001" && silence.matchers.isEmpty)
        try journal.endSilence(id: silence.id, at: t0 + 61)
        #expect(try journal.restoreState(now: t0 + 62).silences.isEmpty)
        let version = try DatabaseQueue(path: dir + "/alerts.sqlite").read { try Int.fetchOne($0, sql: "PRAGMA user_version") }
        #expect(version == 2)
    }
}
