/// A notification the engine asks to send: an alert firing (first time or a repeat after the
/// cooldown) or resolved. Each carries a key that stays the same across retries and restarts.
public struct AlertNotification: Sendable, Equatable {
    public enum Status: String, Sendable, Codable {
        case firing
        case resolved
    }

    public var status: Status
    public var instance: AlertInstance
    public var summary: String
    public var description: String
    public var time: Double
    /// The rule's condition (`node_load1 > 4`) and its threshold, for the message; empty and nil
    /// when the rule is gone (an alert resolved after its rule was removed).
    public var condition: String
    public var threshold: Double?

    public init(status: Status, instance: AlertInstance, summary: String, description: String, time: Double, condition: String = "", threshold: Double? = nil) {
        self.status = status
        self.instance = instance
        self.summary = summary
        self.description = description
        self.time = time
        self.condition = condition
        self.threshold = threshold
    }

    /// fingerprint, episode start (ms), status and the repeat number: the receiver's dedup key.
    public var idempotencyKey: String {
        let repeatNumber = status == .firing ? "-\(instance.notifications)" : ""
        return "\(instance.fingerprint)-\(Int64((instance.activeSince * 1000).rounded()))-\(status.rawValue)\(repeatNumber)"
    }
}
