import AlertJournal
import Alerting

/// How a notifier's due outbox rows become notifications (Alertmanager's `group_wait`): rows of
/// the same rule and status go out together, as one notification listing them, so a host losing
/// ten filesystems sends one message, not ten.
///
/// A group waits until `groupWait` has passed since its oldest first-attempt row was queued,
/// gathering the rows that arrive meanwhile; rows being retried are not held again (they waited
/// once). A `groupWait` of 0 turns grouping off: every row is a notification of its own, at once.
public enum NotificationGroups {
    public struct Member: Sendable, Equatable {
        public var entry: OutboxEntry
        public var message: AlertMessage

        public init(entry: OutboxEntry, message: AlertMessage) {
            self.entry = entry
            self.message = message
        }
    }

    public struct Plan: Sendable, Equatable {
        /// Notifications to send now, each one or more rows, in the order their oldest row was queued.
        public var ready: [[Member]] = []
        /// When the earliest group still waiting is due (nil: none waits).
        public var heldUntil: Double?

        public init(ready: [[Member]] = [], heldUntil: Double? = nil) {
            self.ready = ready
            self.heldUntil = heldUntil
        }
    }

    /// `members` oldest first, as the outbox gives them.
    public static func plan(_ members: [Member], groupWait: Double, now: Double) -> Plan {
        var plan = Plan()
        guard groupWait > 0 else {
            plan.ready = members.map { [$0] }
            return plan
        }
        var order: [String] = []
        var groups: [String: [Member]] = [:]
        for member in members {
            let key = member.message.rule + "\u{0}" + member.message.status.rawValue
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(member)
        }
        for key in order {
            let group = groups[key] ?? []
            let fresh = group.filter { $0.entry.attempts == 0 }.map(\.entry.createdAt)
            if let oldest = fresh.min(), oldest + groupWait > now {
                plan.heldUntil = min(plan.heldUntil ?? .infinity, oldest + groupWait)
            } else {
                plan.ready.append(group)
            }
        }
        return plan
    }

    /// The key a notification is sent with (the Idempotency-Key header, the mail's Message-ID):
    /// one alert's own key, or one derived from every key of a group, the same on every retry.
    public static func key(_ messages: [AlertMessage]) -> String {
        guard messages.count > 1 else { return messages.first?.key ?? "" }
        let keys = messages.map(\.key).sorted().joined(separator: ",")
        return "group-" + AlertLabels(["keys": keys]).fingerprint
    }
}
