/// One notification in the outbox as `vitals alerts --outbox` shows it: for which notifier, about
/// which alert, and how its delivery stands.
public struct OutboxRecord: Sendable, Equatable {
    /// How a delivery stands: sent, waiting for its first attempt, waiting to try again, or given up.
    public enum State: String, Sendable {
        case delivered
        case waiting
        case retrying
        case givenUp = "given up"
    }

    public var notifier: String
    public var queuedAt: Double
    public var attempts: Int
    public var nextAttempt: Double
    public var deliveredAt: Double?
    public var givenUpAt: Double?
    public var lastError: String?
    /// The rule, `firing` or `resolved`, and the alert's labels, from the queued message.
    public var rule: String
    public var status: String
    public var labels: [String: String]

    public init(
        notifier: String, queuedAt: Double, attempts: Int, nextAttempt: Double, deliveredAt: Double? = nil, givenUpAt: Double? = nil,
        lastError: String? = nil, rule: String, status: String, labels: [String: String] = [:]
    ) {
        self.notifier = notifier
        self.queuedAt = queuedAt
        self.attempts = attempts
        self.nextAttempt = nextAttempt
        self.deliveredAt = deliveredAt
        self.givenUpAt = givenUpAt
        self.lastError = lastError
        self.rule = rule
        self.status = status
        self.labels = labels
    }

    public var state: State {
        if deliveredAt != nil { return .delivered }
        if givenUpAt != nil { return .givenUp }
        return attempts == 0 ? .waiting : .retrying
    }
}
