/// Whether a value only grows (a counter, exported as-is and stored as a rate) or moves freely.
public enum MetricKind: String, Sendable {
    case counter
    case gauge
}

/// One reading of one series at one tick.
public struct Sample: Sendable, Equatable {
    public var key: SeriesKey
    public var value: Double
    public var kind: MetricKind

    public init(_ key: SeriesKey, _ value: Double, _ kind: MetricKind = .gauge) {
        self.key = key
        self.value = value
        self.kind = kind
    }
}
