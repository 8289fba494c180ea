/// When `vitals attach` tries again after the link drops: 2, 5 and 10 s, then every 30 s, forever.
/// A connection that delivered a tick resets it.
public struct ReconnectSchedule: Sendable, Equatable {
    public static let delays: [Double] = [2, 5, 10]
    public static let steady: Double = 30

    /// Failed attempts since the last good connection.
    public private(set) var failures = 0

    public init() {}

    /// Seconds to wait after one more failure.
    public mutating func next() -> Double {
        failures += 1
        return failures <= Self.delays.count ? Self.delays[failures - 1] : Self.steady
    }

    public mutating func reset() { failures = 0 }
}
