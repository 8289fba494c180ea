/// How one collector is doing: the registry updates it every time the collector runs.
public struct CollectorHealth: Sendable, Equatable {
    public var name: String
    public var consecutiveFailures: Int = 0
    public var errorCount: UInt64 = 0
    public var lastError: String?
    /// Wall-clock seconds of the last success.
    public var lastSuccess: Double?
    public var lastDurationSeconds: Double = 0
    /// Failures in a row after which the collector counts as unhealthy.
    public var failureThreshold: Int

    public init(name: String, failureThreshold: Int = 3) {
        self.name = name
        self.failureThreshold = failureThreshold
    }

    /// True until `failureThreshold` failures happen in a row.
    public var isHealthy: Bool { consecutiveFailures < failureThreshold }
    /// True when the latest run failed (its reading is missing from this tick).
    public var lastRunFailed: Bool { consecutiveFailures > 0 }
}
