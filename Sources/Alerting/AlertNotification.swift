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

    public init(status: Status, instance: AlertInstance, summary: String, description: String, time: Double) {
        self.status = status
        self.instance = instance
        self.summary = summary
        self.description = description
        self.time = time
    }

    /// fingerprint, episode start (ms), status and the repeat number: the receiver's dedup key.
    public var idempotencyKey: String {
        let repeatNumber = status == .firing ? "-\(instance.notifications)" : ""
        return "\(instance.fingerprint)-\(Int64((instance.activeSince * 1000).rounded()))-\(status.rawValue)\(repeatNumber)"
    }
}
