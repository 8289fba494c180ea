import Alerting
import SQLiteAccess

extension AlertJournal {
    /// The engine's state as the previous run left it: alerts still firing (or without data) keep
    /// their episode, so a restart neither re-announces them nor forgets to announce their
    /// resolution; silences still in force; the last notification per alert (cooldown).
    /// Episodes that were only pending start over.
    public func restoreState(now: Double) throws(AlertJournalError) -> AlertEngineState {
        var state = AlertEngineState()
        do {
            if isWriter {
                try database.write { c in try c.prepare("UPDATE alert SET state = 'inactive', updated_at = ? WHERE state = 'pending'").execute([.real(now)]) }
            }
            try database.read { c in
                let open = try c.prepare("SELECT * FROM alert WHERE state IN ('firing', 'nodata') ORDER BY active_at")
                while try open.step() {
                    let instance = Self.instance(open)
                    state.instances[instance.labels] = instance
                }
                let notified = try c.prepare("SELECT fingerprint, MAX(notified_at) AS at FROM alert WHERE notified_at IS NOT NULL GROUP BY fingerprint")
                while try notified.step() {
                    if !notified.isNull(1) { state.lastNotified[notified.text(0)] = notified.double(1) }
                }
                let silences = try c.prepare("SELECT * FROM silence WHERE until > ? ORDER BY id")
                try silences.bind([.real(now)])
                while try silences.step() { state.silences.append(Self.silence(silences)) }
            }
        } catch {
            throw AlertJournalError("reading the alert history failed: \(error)")
        }
        return state
    }

    /// The episode in a `SELECT * FROM alert` row.
    static func instance(_ row: SQLiteStatement) -> AlertInstance {
        var instance = AlertInstance(
            rule: row.text("rule"), labels: labels(fromJSON: row.text("labels")), severity: AlertSeverity(rawValue: row.text("severity")) ?? .warning,
            phase: AlertPhase(rawValue: row.text("state")) ?? .inactive, activeSince: row.double("active_at"), value: row.optionalDouble("value")
        )
        instance.firedAt = row.optionalDouble("fired_at")
        instance.resolvedAt = row.optionalDouble("resolved_at")
        instance.lastHeldAt = row.double("updated_at")
        instance.notified = row.int64("notified") != 0
        instance.notifications = Int(row.int64("notifications"))
        if instance.phase == .noData { instance.missingSince = row.double("updated_at") }
        return instance
    }

    /// The silence in a `SELECT * FROM silence` row.
    static func silence(_ row: SQLiteStatement) -> AlertSilence {
        // A matcher line that no longer parses (none should) is left out rather than the silence lost.
        let matchers = row.text("matchers").split(separator: "\n").flatMap { (try? AlertMatcherParser.parse(String($0))) ?? [] }
        return AlertSilence(
            id: row.text("uid"), fingerprint: row.text("fingerprint"), rule: row.text("rule"), labels: row.text("labels"),
            from: row.double("created_at"), until: row.double("until"), matchers: matchers, comment: row.text("comment"), createdBy: row.text("created_by")
        )
    }
}
