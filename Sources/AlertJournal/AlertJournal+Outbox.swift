import Alerting
import SQLiteAccess

/// One queued notification for one notifier: its message as the JSON `AlertMessageJSON` wrote
/// (decoded on the delivery side, which has Foundation's decoder).
public struct OutboxEntry: Sendable, Equatable {
    public var id: Int64
    public var notifier: String
    public var messageJSON: String
    public var attempts: Int
    public var createdAt: Double

    public init(id: Int64, notifier: String, messageJSON: String, attempts: Int, createdAt: Double) {
        self.id = id
        self.notifier = notifier
        self.messageJSON = messageJSON
        self.attempts = attempts
        self.createdAt = createdAt
    }
}

extension AlertJournal {
    /// Up to `limit` entries for `notifier` due at `now`, oldest first.
    public func due(notifier: String, now: Double, limit: Int = 16) throws(AlertJournalError) -> [OutboxEntry] {
        do {
            return try database.read { c in
                let rows = try c.prepare("""
                    SELECT id, notifier, message, attempts, created_at FROM outbox
                    WHERE notifier = ? AND delivered_at IS NULL AND dead_at IS NULL AND next_attempt <= ?
                    ORDER BY id LIMIT ?
                    """)
                try rows.bind([.text(notifier), .real(now), .integer(Int64(limit))])
                var out: [OutboxEntry] = []
                while try rows.step() {
                    out.append(OutboxEntry(id: rows.int64(0), notifier: rows.text(1), messageJSON: rows.text(2), attempts: Int(rows.int64(3)), createdAt: rows.double(4)))
                }
                return out
            }
        } catch {
            throw AlertJournalError("reading the outbox failed: \(error)")
        }
    }

    /// When `notifier`'s next entry falls due (nil: nothing waiting).
    public func nextDue(notifier: String) throws(AlertJournalError) -> Double? {
        do {
            return try database.read { c in
                let row = try c.prepare("SELECT MIN(next_attempt) FROM outbox WHERE notifier = ? AND delivered_at IS NULL AND dead_at IS NULL")
                try row.bind([.text(notifier)])
                return try row.step() && !row.isNull(0) ? row.double(0) : nil
            }
        } catch {
            throw AlertJournalError("reading the outbox failed: \(error)")
        }
    }

    public func markDelivered(_ id: Int64, at time: Double) throws(AlertJournalError) {
        try update("UPDATE outbox SET delivered_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?", [.real(time), .integer(id)])
    }

    /// A failed attempt: try again at `retryAt`, or give up (`retryAt == nil`).
    public func markFailed(_ id: Int64, error: String, at time: Double, retryAt: Double?) throws(AlertJournalError) {
        if let retryAt {
            try update("UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt = ? WHERE id = ?", [.text(error), .real(retryAt), .integer(id)])
        } else {
            try update("UPDATE outbox SET attempts = attempts + 1, last_error = ?, dead_at = ? WHERE id = ?", [.text(error), .real(time), .integer(id)])
        }
    }

    /// Entries of notifiers no longer configured are given up, saying why.
    public func abandon(notifiersOtherThan kept: [String], at time: Double) throws(AlertJournalError) {
        guard isWriter else { return }
        let marks = kept.isEmpty ? "''" : kept.map { _ in "?" }.joined(separator: ",")
        try update(
            "UPDATE outbox SET dead_at = ?, last_error = 'notifier removed from the configuration' WHERE delivered_at IS NULL AND dead_at IS NULL AND notifier NOT IN (\(marks))",
            [.real(time)] + kept.map { .text($0) }
        )
    }

    /// The newest `limit` notifications queued at or after `since`, newest first, with what their
    /// messages say of the alert (read by SQLite's JSON functions: no decoder on this side).
    public func outbox(since: Double? = nil, rule: String? = nil, limit: Int) throws(AlertJournalError) -> [OutboxRecord] {
        do {
            return try database.read { c in
                let rows = try c.prepare("""
                    SELECT notifier, created_at, attempts, next_attempt, delivered_at, dead_at, last_error,
                    json_extract(message, '$.rule'), json_extract(message, '$.status'), json_extract(message, '$.labels')
                    FROM outbox WHERE created_at >= ? AND (? IS NULL OR json_extract(message, '$.rule') = ?)
                    ORDER BY created_at DESC, id DESC LIMIT ?
                    """)
                let ruleValue: SQLiteValue = rule.map { .text($0) } ?? .null
                try rows.bind([.real(since ?? -Double.greatestFiniteMagnitude), ruleValue, ruleValue, .integer(Int64(max(0, limit)))])
                var out: [OutboxRecord] = []
                while try rows.step() {
                    func time(_ column: Int32) -> Double? { rows.isNull(column) ? nil : rows.double(column) }
                    func text(_ column: Int32) -> String? { rows.isNull(column) ? nil : rows.text(column) }
                    out.append(OutboxRecord(
                        notifier: rows.text(0), queuedAt: rows.double(1), attempts: Int(rows.int64(2)), nextAttempt: rows.double(3),
                        deliveredAt: time(4), givenUpAt: time(5), lastError: text(6),
                        rule: text(7) ?? "?", status: text(8) ?? "?", labels: text(9).flatMap(FlatJSONObject.decode) ?? [:]
                    ))
                }
                return out
            }
        } catch {
            throw AlertJournalError("reading the outbox failed: \(error)")
        }
    }

    /// Counts per notifier: waiting, delivered, given up.
    public func outboxCounts() throws(AlertJournalError) -> [String: (waiting: Int, delivered: Int, dead: Int)] {
        do {
            return try database.read { c in
                var out: [String: (waiting: Int, delivered: Int, dead: Int)] = [:]
                let rows = try c.prepare("""
                    SELECT notifier, SUM(delivered_at IS NULL AND dead_at IS NULL) AS waiting, SUM(delivered_at IS NOT NULL) AS delivered,
                    SUM(dead_at IS NOT NULL) AS dead FROM outbox GROUP BY notifier
                    """)
                while try rows.step() {
                    out[rows.text(0)] = (Int(rows.int64(1)), Int(rows.int64(2)), Int(rows.int64(3)))
                }
                return out
            }
        } catch {
            throw AlertJournalError("reading the outbox failed: \(error)")
        }
    }

    private func update(_ sql: String, _ arguments: [SQLiteValue]) throws(AlertJournalError) {
        guard isWriter else { return }
        do {
            try database.write { c in try c.prepare(sql).execute(arguments) }
        } catch {
            throw AlertJournalError("updating the outbox failed: \(error)")
        }
    }
}
