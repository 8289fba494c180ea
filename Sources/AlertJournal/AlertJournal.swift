import Alerting
import Foundation
import GRDB
import HistoryFile

/// The alert history, silences and notification outbox: `alerts.sqlite` in the data directory,
/// SQLite in WAL mode through GRDB. Every engine step that changed something is written in one
/// transaction (transitions and the outbox rows they queue together), so a `kill -9` loses no
/// committed record and leaves none half-written.
///
/// One process writes (an `flock` on `alerts.lock`); another one opened on the same directory
/// reads the history (`isWriter == false`) and records nothing.
public final class AlertJournal: Sendable {
    public let path: String
    public let isWriter: Bool
    /// What the user should be told.
    public let notices: [String]
    let database: DatabaseQueue
    private let lock: DirectoryLock?

    /// How long resolved alerts, delivered or dead outbox rows and expired silences are kept.
    public static let retention: Double = 30 * 86_400

    public static func open(directory: String, now: Double) throws(AlertJournalError) -> AlertJournal {
        guard HistoryFile.mkdirs(directory) else { throw AlertJournalError("cannot create \(directory): \(String(cString: strerror(errno)))") }
        let path = directory + "/alerts.sqlite"
        let acquired: Result<DirectoryLock, DirectoryLock.HolderPID>
        do {
            acquired = try DirectoryLock.acquire(directory: directory, name: "alerts.lock")
        } catch {
            throw AlertJournalError(error.description)
        }
        switch acquired {
        case let .failure(holder):
            let note = "alerts in \(directory) are recorded by another vitals (pid \(holder.pid)); this one records and notifies nothing"
            var config = Configuration()
            config.readonly = true
            do {
                return AlertJournal(path: path, writer: false, notices: [note], database: try DatabaseQueue(path: path, configuration: config), lock: nil)
            } catch {
                throw AlertJournalError(note + "; reading them failed: \(error)")
            }
        case let .success(lock):
            do {
                return AlertJournal(path: path, writer: true, notices: [], database: try openWriter(path), lock: lock)
            } catch {
                let aside: String
                do {
                    aside = try HistoryFile.moveAside(path, now: now)
                } catch {
                    throw AlertJournalError(error.description)
                }
                let note = "alerts file unusable (\(error)); moved to \(aside), starting afresh"
                do {
                    return AlertJournal(path: path, writer: true, notices: [note], database: try openWriter(path), lock: lock)
                } catch {
                    throw AlertJournalError("cannot create \(path): \(error)")
                }
            }
        }
    }

    init(path: String, writer: Bool, notices: [String], database: DatabaseQueue, lock: DirectoryLock?) {
        self.path = path
        isWriter = writer
        self.notices = notices
        self.database = database
        self.lock = lock
    }

    static func openWriter(_ path: String) throws -> DatabaseQueue {
        var config = Configuration()
        config.journalMode = .wal
        config.busyMode = .timeout(2)
        config.foreignKeysEnabled = true
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -256") }
        let db = try DatabaseQueue(path: path, configuration: config)
        try db.write { db in try AlertJournalSchema.migrate(db) }
        return db
    }

    // MARK: Recording

    /// One engine step: its transitions and, for each notification, one outbox row per notifier
    /// that takes it (`route` names them). Nothing is written by a reader.
    public func record(
        transitions: [AlertTransition], notifications: [AlertNotification], host: String, now: Double, route: (AlertNotification) -> [String]
    ) throws(AlertJournalError) {
        guard isWriter, !transitions.isEmpty || !notifications.isEmpty else { return }
        do {
            try database.write { db in
                for transition in transitions {
                    var instance = transition.instance
                    instance.phase = transition.to
                    let id = try Self.upsert(instance, now: transition.time, db)
                    try db.execute(
                        sql: "INSERT INTO transition (alert, time, from_state, to_state, value) VALUES (?, ?, ?, ?, ?)",
                        arguments: [id, transition.time, transition.from.rawValue, transition.to.rawValue, transition.instance.value]
                    )
                }
                let encoder = JSONEncoder()
                encoder.outputFormatting = .sortedKeys
                for notification in notifications {
                    _ = try Self.upsert(notification.instance, now: now, db)
                    if notification.status == .firing {
                        try db.execute(
                            sql: "UPDATE alert SET notified_at = ? WHERE fingerprint = ? AND active_at = ?",
                            arguments: [now, notification.instance.fingerprint, notification.instance.activeSince]
                        )
                    }
                    let message = AlertMessage(notification, host: host)
                    let text = String(decoding: try encoder.encode(message), as: UTF8.self)
                    for notifier in route(notification) {
                        try db.execute(
                            sql: """
                                INSERT OR IGNORE INTO outbox (notifier, key, fingerprint, message, created_at, next_attempt)
                                VALUES (?, ?, ?, ?, ?, ?)
                                """,
                            arguments: [notifier, message.key, message.fingerprint, text, now, now]
                        )
                    }
                }
            }
        } catch {
            throw AlertJournalError("recording alerts failed: \(error)")
        }
    }

    /// Inserts or updates the episode's row; returns its id.
    static func upsert(_ instance: AlertInstance, now: Double, _ db: Database) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO alert (fingerprint, rule, labels, severity, state, active_at, fired_at, resolved_at, value, notified, notifications, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (fingerprint, active_at) DO UPDATE SET
                    state = excluded.state, fired_at = excluded.fired_at, resolved_at = excluded.resolved_at,
                    value = excluded.value, notified = excluded.notified, notifications = excluded.notifications, updated_at = excluded.updated_at
                """,
            arguments: [
                instance.fingerprint, instance.rule, labelsJSON(instance.labels), instance.severity.rawValue, instance.phase.rawValue,
                instance.activeSince, instance.firedAt, instance.resolvedAt, instance.value, instance.notified, instance.notifications, now,
            ]
        )
        return try Int64.fetchOne(db, sql: "SELECT id FROM alert WHERE fingerprint = ? AND active_at = ?", arguments: [instance.fingerprint, instance.activeSince]) ?? 0
    }

    static func labelsJSON(_ labels: AlertLabels) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(labels.dictionary)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    static func labels(fromJSON text: String) -> AlertLabels {
        AlertLabels((try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) ?? [:])
    }

    public func addSilence(_ silence: AlertSilence) throws(AlertJournalError) {
        guard isWriter else { return }
        do {
            try database.write { db in
                try db.execute(
                    sql: "INSERT INTO silence (fingerprint, rule, labels, created_at, until) VALUES (?, ?, ?, ?, ?)",
                    arguments: [silence.fingerprint, silence.rule, silence.labels, silence.from, silence.until]
                )
            }
        } catch {
            throw AlertJournalError("recording the silence failed: \(error)")
        }
    }

    /// Drops what is older than `retention` (resolved episodes with their transitions, finished
    /// outbox rows, expired silences).
    public func prune(now: Double) throws(AlertJournalError) {
        guard isWriter else { return }
        let cutoff = now - Self.retention
        do {
            try database.write { db in
                try db.execute(sql: "DELETE FROM alert WHERE state IN ('resolved', 'inactive') AND updated_at < ?", arguments: [cutoff])
                try db.execute(sql: "DELETE FROM outbox WHERE (delivered_at IS NOT NULL OR dead_at IS NOT NULL) AND created_at < ?", arguments: [cutoff])
                try db.execute(sql: "DELETE FROM silence WHERE until < ?", arguments: [cutoff])
            }
        } catch {
            throw AlertJournalError("pruning the alert history failed: \(error)")
        }
    }
}

extension AlertJournal {
    /// Opens `directory`'s alert history to read only, without taking the writer's lock (for
    /// `vitals alerts`, beside a running dashboard or agent). Nil when there is no history yet.
    public static func openForReading(directory: String) throws(AlertJournalError) -> AlertJournal? {
        let path = directory + "/alerts.sqlite"
        guard access(path, F_OK) == 0 else { return nil }
        var config = Configuration()
        config.readonly = true
        do {
            return AlertJournal(path: path, writer: false, notices: [], database: try DatabaseQueue(path: path, configuration: config), lock: nil)
        } catch {
            throw AlertJournalError("cannot read \(path): \(error)")
        }
    }
}
