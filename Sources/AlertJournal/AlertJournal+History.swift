import Alerting
import GRDB

/// One episode as `vitals alerts` lists it.
public struct AlertRecord: Sendable, Equatable {
    public var instance: AlertInstance
    public var notifiedAt: Double?
    public var transitions: [(time: Double, from: AlertPhase, to: AlertPhase)]

    public static func == (lhs: AlertRecord, rhs: AlertRecord) -> Bool {
        lhs.instance == rhs.instance && lhs.notifiedAt == rhs.notifiedAt
            && lhs.transitions.elementsEqual(rhs.transitions) { $0.time == $1.time && $0.from == $1.from && $0.to == $1.to }
    }
}

/// What `vitals alerts` asks for.
public struct AlertHistoryFilter: Sendable {
    public var states: [AlertPhase] = []
    public var rule: String?
    /// Episodes active at or after this time (their last change).
    public var since: Double?
    public var limit = 1000

    public init(states: [AlertPhase] = [], rule: String? = nil, since: Double? = nil, limit: Int = 1000) {
        self.states = states
        self.rule = rule
        self.since = since
        self.limit = limit
    }
}

extension AlertJournal {
    /// Episodes, newest first, with their transitions.
    public func history(_ filter: AlertHistoryFilter) throws(AlertJournalError) -> [AlertRecord] {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if !filter.states.isEmpty {
            conditions.append("state IN (" + filter.states.map { _ in "?" }.joined(separator: ",") + ")")
            arguments += filter.states.map(\.rawValue)
        }
        if let rule = filter.rule {
            conditions.append("rule = ?")
            arguments.append(rule)
        }
        if let since = filter.since {
            conditions.append("updated_at >= ?")
            arguments.append(since)
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        do {
            return try database.read { db in
                try Row.fetchAll(
                    db, sql: "SELECT * FROM alert \(whereClause) ORDER BY active_at DESC, id DESC LIMIT ?", arguments: StatementArguments(arguments + [filter.limit])
                ).map { row in
                    let id: Int64 = row["id"]
                    let transitions = try Row.fetchAll(db, sql: "SELECT time, from_state, to_state FROM transition WHERE alert = ? ORDER BY id", arguments: [id]).map { t in
                        (time: t["time"] as Double, from: AlertPhase(rawValue: t["from_state"]) ?? .inactive, to: AlertPhase(rawValue: t["to_state"]) ?? .inactive)
                    }
                    return AlertRecord(instance: Self.instance(row), notifiedAt: row["notified_at"], transitions: transitions)
                }
            }
        } catch {
            throw AlertJournalError("reading the alert history failed: \(error)")
        }
    }

    /// Silences, newest first.
    public func silences(limit: Int = 100) throws(AlertJournalError) -> [AlertSilence] {
        do {
            return try database.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM silence ORDER BY id DESC LIMIT ?", arguments: [limit]).map { row in
                    AlertSilence(fingerprint: row["fingerprint"], rule: row["rule"], labels: row["labels"], from: row["created_at"], until: row["until"])
                }
            }
        } catch {
            throw AlertJournalError("reading silences failed: \(error)")
        }
    }
}

extension AlertJournal {
    /// The time of the newest recorded transition (nil: none yet).
    public func newestTransitionTime() throws(AlertJournalError) -> Double? {
        do {
            return try database.read { db in try Double.fetchOne(db, sql: "SELECT MAX(time) FROM transition") }
        } catch {
            throw AlertJournalError("reading the alert history failed: \(error)")
        }
    }
}
