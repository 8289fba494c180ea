/// How a notifier has been doing, for the status line and `vitals_notifier_*`.
public struct NotifierHealth: Sendable, Equatable {
    public var id: String
    public var label: String
    public var delivered = 0
    public var failures = 0
    /// Failures since the last success.
    public var failuresInARow = 0
    public var givenUp = 0
    public var lastError: String?

    /// Three failures in a row, or anything given up since the last success.
    public var isHealthy: Bool { failuresInARow < 3 }

    public init(id: String, label: String) {
        self.id = id
        self.label = label
    }
}
