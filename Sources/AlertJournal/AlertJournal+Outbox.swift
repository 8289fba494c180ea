import Alerting
import Foundation
import GRDB

/// One queued notification for one notifier.
public struct OutboxEntry: Sendable, Equatable {
    public var id: Int64
    public var notifier: String
    public var message: AlertMessage
    public var attempts: Int
    public var createdAt: Double
}

extension AlertJournal {
    /// Up to `limit` entries for `notifier` due at `now`, oldest first.
    public func due(notifier: String, now: Double, limit: Int = 16) throws(AlertJournalError) -> [OutboxEntry] {
        do {
            return try database.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT id, notifier, message, attempts, created_at FROM outbox
                        WHERE notifier = ? AND delivered_at IS NULL AND dead_at IS NULL AND next_attempt <= ?
                        ORDER BY id LIMIT ?
                        """,
                    arguments: [notifier, now, limit]
                ).compactMap { row in
                    let text: String = row["message"]
                    guard let message = try? JSONDecoder().decode(AlertMessage.self, from: Data(text.utf8)) else { return nil }
                    return OutboxEntry(id: row["id"], notifier: row["notifier"], message: message, attempts: row["attempts"], createdAt: row["created_at"])
                }
            }
        } catch {
            throw AlertJournalError("reading the outbox failed: \(error)")
        }
    }

    /// When `notifier`'s next entry falls due (nil: nothing waiting).
    public func nextDue(notifier: String) throws(AlertJournalError) -> Double? {
        do {
            return try database.read { db in
                try Double.fetchOne(
                    db, sql: "SELECT MIN(next_attempt) FROM outbox WHERE notifier = ? AND delivered_at IS NULL AND dead_at IS NULL", arguments: [notifier]
                )
            }
        } catch {
            throw AlertJournalError("reading the outbox failed: \(error)")
        }
    }

    public func markDelivered(_ id: Int64, at time: Double) throws(AlertJournalError) {
        try update("UPDATE outbox SET delivered_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?", [time, id])
    }

    /// A failed attempt: try again at `retryAt`, or give up (`retryAt == nil`).
    public func markFailed(_ id: Int64, error: String, at time: Double, retryAt: Double?) throws(AlertJournalError) {
        if let retryAt {
            try update("UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt = ? WHERE id = ?", [error, retryAt, id])
        } else {
            try update("UPDATE outbox SET attempts = attempts + 1, last_error = ?, dead_at = ? WHERE id = ?", [error, time, id])
        }
    }

    /// Entries of notifiers no longer configured are given up, saying why.
    public func abandon(notifiersOtherThan kept: [String], at time: Double) throws(AlertJournalError) {
        guard isWriter else { return }
        let marks = kept.isEmpty ? "''" : kept.map { _ in "?" }.joined(separator: ",")
        try update(
            "UPDATE outbox SET dead_at = ?, last_error = 'notifier removed from the configuration' WHERE delivered_at IS NULL AND dead_at IS NULL AND notifier NOT IN (\(marks))",
            [time] + kept
        )
    }

    /// Counts per notifier: waiting, delivered, given up.
    public func outboxCounts() throws(AlertJournalError) -> [String: (waiting: Int, delivered: Int, dead: Int)] {
        do {
            return try database.read { db in
                var out: [String: (waiting: Int, delivered: Int, dead: Int)] = [:]
                for row in try Row.fetchAll(
                    db,
                    sql: """
                        SELECT notifier, SUM(delivered_at IS NULL AND dead_at IS NULL) AS waiting, SUM(delivered_at IS NOT NULL) AS delivered,
                        SUM(dead_at IS NOT NULL) AS dead FROM outbox GROUP BY notifier
                        """
                ) {
                    out[row["notifier"]] = (row["waiting"], row["delivered"], row["dead"])
                }
                return out
            }
        } catch {
            throw AlertJournalError("reading the outbox failed: \(error)")
        }
    }

    private func update(_ sql: String, _ arguments: [any DatabaseValueConvertible]) throws(AlertJournalError) {
        guard isWriter else { return }
        do {
            try database.write { db in try db.execute(sql: sql, arguments: StatementArguments(arguments)) }
        } catch {
            throw AlertJournalError("updating the outbox failed: \(error)")
        }
    }
}
