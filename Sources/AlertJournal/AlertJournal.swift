import Alerting
import Glibc
import HistoryFile
import SQLiteAccess
import Synchronization

/// The alert history, silences and notification outbox: `alerts.sqlite` in the data directory,
/// SQLite in WAL mode through its C API (`SQLiteAccess`: no Foundation on the dashboard's path). Every engine step that changed something is written in one
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
    let database: SQLiteDatabase
    private let lock: DirectoryLock?
    /// Engine steps whose recording failed (a full disk), oldest first: written before the next.
    let unrecorded = Mutex<[JournalStep]>([])

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
            do {
                return AlertJournal(path: path, writer: false, notices: [note], database: try SQLiteDatabase(path: path, readOnly: true), lock: nil)
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

    init(path: String, writer: Bool, notices: [String], database: SQLiteDatabase, lock: DirectoryLock?) {
        self.path = path
        isWriter = writer
        self.notices = notices
        self.database = database
        self.lock = lock
    }

    static func openWriter(_ path: String) throws -> SQLiteDatabase {
        let db = try SQLiteDatabase(path: path) { c in
            c.busyTimeout(milliseconds: 2000)
            try c.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -256; PRAGMA foreign_keys = ON")
        }
        try db.write { c in try AlertJournalSchema.migrate(c) }
        return db
    }

    /// Inserts or updates the episode's row; returns its id.
    static func upsert(_ instance: AlertInstance, now: Double, _ c: SQLiteConnection) throws -> Int64 {
        try c.prepare("""
            INSERT INTO alert (fingerprint, rule, labels, severity, state, active_at, fired_at, resolved_at, value, notified, notifications, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (fingerprint, active_at) DO UPDATE SET
                state = excluded.state, fired_at = excluded.fired_at, resolved_at = excluded.resolved_at,
                value = excluded.value, notified = excluded.notified, notifications = excluded.notifications, updated_at = excluded.updated_at
            """).execute([
            .text(instance.fingerprint), .text(instance.rule), .text(labelsJSON(instance.labels)), .text(instance.severity.rawValue), .text(instance.phase.rawValue),
            .real(instance.activeSince), real(instance.firedAt), real(instance.resolvedAt), real(instance.value), .integer(instance.notified ? 1 : 0),
            .integer(Int64(instance.notifications)), .real(now),
        ])
        return try c.int64("SELECT id FROM alert WHERE fingerprint = ? AND active_at = ?", [.text(instance.fingerprint), .real(instance.activeSince)]) ?? 0
    }

    /// A value for a REAL column: NULL for nil and for NaN (which SQLite would store as NULL anyway).
    static func real(_ value: Double?) -> SQLiteValue {
        value.map { $0.isNaN ? .null : .real($0) } ?? .null
    }

    static func labelsJSON(_ labels: AlertLabels) -> String {
        FlatJSONObject.encode(labels.dictionary)
    }

    static func labels(fromJSON text: String) -> AlertLabels {
        AlertLabels(FlatJSONObject.decode(text) ?? [:])
    }

    public func addSilence(_ silence: AlertSilence) throws(AlertJournalError) {
        guard isWriter else { return }
        do {
            try database.write { c in
                try c.prepare("INSERT INTO silence (fingerprint, rule, labels, created_at, until, uid, matchers, comment, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)").execute([
                    .text(silence.fingerprint), .text(silence.rule), .text(silence.labels), .real(silence.from), .real(silence.until),
                    .text(silence.id), .text(silence.matchers.map(\.text).joined(separator: "\n")), .text(silence.comment), .text(silence.createdBy),
                ])
            }
        } catch {
            throw AlertJournalError("recording the silence failed: \(error)")
        }
    }

    /// `addSilence` on the file's own queue (see `recordInBackground`).
    public func addSilenceInBackground(_ silence: AlertSilence, then: @escaping @Sendable (String?) -> Void) {
        guard isWriter else { return }
        inBackground({ () throws(AlertJournalError) in try self.addSilence(silence) }, then: then)
    }

    /// Ends the silence `id` at `time` if it still runs then.
    public func endSilence(id: String, at time: Double) throws(AlertJournalError) {
        guard isWriter else { return }
        do {
            try database.write { c in
                try c.prepare("UPDATE silence SET until = ? WHERE uid = ? AND until > ?").execute([.real(time), .text(id), .real(time)])
            }
        } catch {
            throw AlertJournalError("ending the silence failed: \(error)")
        }
    }

    /// `endSilence` on the file's own queue.
    public func endSilenceInBackground(id: String, at time: Double, then: @escaping @Sendable (String?) -> Void) {
        guard isWriter else { return }
        inBackground({ () throws(AlertJournalError) in try self.endSilence(id: id, at: time) }, then: then)
    }

    /// Drops what is older than `retention` (resolved episodes with their transitions, finished
    /// outbox rows, expired silences).
    /// `prune` on the file's own queue (see `recordInBackground`).
    public func pruneInBackground(now: Double, then: @escaping @Sendable (String?) -> Void) {
        guard isWriter else { return }
        inBackground({ () throws(AlertJournalError) in try self.prune(now: now) }, then: then)
    }

    public func prune(now: Double) throws(AlertJournalError) {
        guard isWriter else { return }
        let cutoff = now - Self.retention
        do {
            try database.write { c in
                try c.prepare("DELETE FROM alert WHERE state IN ('resolved', 'inactive') AND updated_at < ?").execute([.real(cutoff)])
                try c.prepare("DELETE FROM outbox WHERE (delivered_at IS NOT NULL OR dead_at IS NOT NULL) AND created_at < ?").execute([.real(cutoff)])
                try c.prepare("DELETE FROM silence WHERE until < ?").execute([.real(cutoff)])
            }
        } catch {
            throw AlertJournalError("pruning the alert history failed: \(error)")
        }
    }
}

extension AlertJournal {
    /// Opens `directory`'s alerts file for a `vitals-agent deliver` child: it updates outbox rows
    /// (delivered, failed, given up) while the dashboard that started it holds the writer's lock
    /// and writes everything else. SQLite serialises the two processes' transactions (WAL, a busy
    /// timeout); neither overwrites the other's columns.
    public static func openForDelivery(directory: String) throws(AlertJournalError) -> AlertJournal {
        let path = directory + "/alerts.sqlite"
        guard access(path, F_OK) == 0 else { throw AlertJournalError("no alerts file to deliver from: \(path)") }
        do {
            let db = try SQLiteDatabase(path: path) { c in
                c.busyTimeout(milliseconds: 5000)
                try c.execute("PRAGMA synchronous = NORMAL; PRAGMA cache_size = -128")
            }
            return AlertJournal(path: path, writer: true, notices: [], database: db, lock: nil)
        } catch {
            throw AlertJournalError("cannot open \(path) to deliver: \(error)")
        }
    }

    /// Opens `directory`'s alert history to read only, without taking the writer's lock (for
    /// `vitals alerts`, beside a running dashboard or agent). Nil when there is no history yet.
    public static func openForReading(directory: String) throws(AlertJournalError) -> AlertJournal? {
        let path = directory + "/alerts.sqlite"
        guard access(path, F_OK) == 0 else { return nil }
        do {
            return AlertJournal(path: path, writer: false, notices: [], database: try SQLiteDatabase(path: path, readOnly: true), lock: nil)
        } catch {
            throw AlertJournalError("cannot read \(path): \(error)")
        }
    }
}
