import Alerting
import GRDB

extension AlertJournal {
    /// The engine's state as the previous run left it: alerts still firing (or without data) keep
    /// their episode, so a restart neither re-announces them nor forgets to announce their
    /// resolution; silences still in force; the last notification per alert (cooldown).
    /// Episodes that were only pending start over.
    public func restoreState(now: Double) throws(AlertJournalError) -> AlertEngineState {
        var state = AlertEngineState()
        do {
            if isWriter {
                try database.write { db in try db.execute(sql: "UPDATE alert SET state = 'inactive', updated_at = ? WHERE state = 'pending'", arguments: [now]) }
            }
            try database.read { db in
                let open = try Row.fetchAll(db, sql: "SELECT * FROM alert WHERE state IN ('firing', 'nodata') ORDER BY active_at")
                for row in open {
                    let instance = Self.instance(row)
                    state.instances[instance.labels] = instance
                }
                for row in try Row.fetchAll(db, sql: "SELECT fingerprint, MAX(notified_at) AS at FROM alert WHERE notified_at IS NOT NULL GROUP BY fingerprint") {
                    if let at: Double = row["at"] { state.lastNotified[row["fingerprint"]] = at }
                }
                for row in try Row.fetchAll(db, sql: "SELECT * FROM silence WHERE until > ? ORDER BY id", arguments: [now]) {
                    state.silences.append(AlertSilence(fingerprint: row["fingerprint"], rule: row["rule"], labels: row["labels"], from: row["created_at"], until: row["until"]))
                }
            }
        } catch {
            throw AlertJournalError("reading the alert history failed: \(error)")
        }
        return state
    }

    static func instance(_ row: Row) -> AlertInstance {
        var instance = AlertInstance(
            rule: row["rule"], labels: labels(fromJSON: row["labels"]), severity: AlertSeverity(rawValue: row["severity"]) ?? .warning,
            phase: AlertPhase(rawValue: row["state"]) ?? .inactive, activeSince: row["active_at"], value: row["value"]
        )
        instance.firedAt = row["fired_at"]
        instance.resolvedAt = row["resolved_at"]
        instance.lastHeldAt = row["updated_at"]
        instance.notified = row["notified"]
        instance.notifications = row["notifications"]
        if instance.phase == .noData { instance.missingSince = row["updated_at"] }
        return instance
    }
}
