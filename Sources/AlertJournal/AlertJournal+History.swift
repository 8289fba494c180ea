import Alerting
import SQLiteAccess

/// One episode as `vitals alerts` lists it.
public struct AlertRecord: Sendable, Equatable {
    /// The episode's row: with `activeSince`, where a page of the history ends (`AlertHistoryFilter.before`).
    public var id: Int64 = 0
    public var instance: AlertInstance
    public var notifiedAt: Double?
    public var transitions: [(time: Double, from: AlertPhase, to: AlertPhase)]

    public static func == (lhs: AlertRecord, rhs: AlertRecord) -> Bool {
        lhs.id == rhs.id && lhs.instance == rhs.instance && lhs.notifiedAt == rhs.notifiedAt
            && lhs.transitions.elementsEqual(rhs.transitions) { $0.time == $1.time && $0.from == $1.from && $0.to == $1.to }
    }
}

/// What `vitals alerts` asks for.
public struct AlertHistoryFilter: Sendable {
    public var states: [AlertPhase] = []
    public var rule: String?
    /// Episodes active at or after this time (their last change).
    public var since: Double?
    /// Episodes that began at or before this time.
    public var until: Double?
    /// Episodes after this one in the order (newest first): the next page.
    public var before: (activeSince: Double, id: Int64)?
    public var limit = 1000

    public init(states: [AlertPhase] = [], rule: String? = nil, since: Double? = nil, until: Double? = nil, limit: Int = 1000) {
        self.states = states
        self.rule = rule
        self.since = since
        self.until = until
        self.limit = limit
    }
}

extension AlertJournal {
    /// Episodes, newest first, with their transitions.
    public func history(_ filter: AlertHistoryFilter) throws(AlertJournalError) -> [AlertRecord] {
        var conditions: [String] = []
        var arguments: [SQLiteValue] = []
        if !filter.states.isEmpty {
            conditions.append("state IN (" + filter.states.map { _ in "?" }.joined(separator: ",") + ")")
            arguments += filter.states.map { .text($0.rawValue) }
        }
        if let rule = filter.rule {
            conditions.append("rule = ?")
            arguments.append(.text(rule))
        }
        if let since = filter.since {
            conditions.append("updated_at >= ?")
            arguments.append(.real(since))
        }
        if let until = filter.until {
            conditions.append("active_at <= ?")
            arguments.append(.real(until))
        }
        if let before = filter.before {
            conditions.append("(active_at < ? OR (active_at = ? AND id < ?))")
            arguments += [.real(before.activeSince), .real(before.activeSince), .integer(before.id)]
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        do {
            return try database.read { c in
                let rows = try c.prepare("SELECT * FROM alert \(whereClause) ORDER BY active_at DESC, id DESC LIMIT ?")
                try rows.bind(arguments + [.integer(Int64(filter.limit))])
                let steps = try c.prepare("SELECT time, from_state, to_state FROM transition WHERE alert = ? ORDER BY id")
                var out: [AlertRecord] = []
                while try rows.step() {
                    try steps.bind([.integer(rows.int64("id"))])
                    var transitions: [(time: Double, from: AlertPhase, to: AlertPhase)] = []
                    while try steps.step() {
                        transitions.append((time: steps.double(0), from: AlertPhase(rawValue: steps.text(1)) ?? .inactive, to: AlertPhase(rawValue: steps.text(2)) ?? .inactive))
                    }
                    out.append(AlertRecord(id: rows.int64("id"), instance: Self.instance(rows), notifiedAt: rows.optionalDouble("notified_at"), transitions: transitions))
                }
                return out
            }
        } catch {
            throw AlertJournalError("reading the alert history failed: \(error)")
        }
    }

    /// Silences, newest first.
    public func silences(limit: Int = 100) throws(AlertJournalError) -> [AlertSilence] {
        do {
            return try database.read { c in
                let rows = try c.prepare("SELECT * FROM silence ORDER BY id DESC LIMIT ?")
                try rows.bind([.integer(Int64(limit))])
                var out: [AlertSilence] = []
                while try rows.step() { out.append(Self.silence(rows)) }
                return out
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
            return try database.read { c in
                let row = try c.prepare("SELECT MAX(time) FROM transition")
                return try row.step() && !row.isNull(0) ? row.double(0) : nil
            }
        } catch {
            throw AlertJournalError("reading the alert history failed: \(error)")
        }
    }
}
