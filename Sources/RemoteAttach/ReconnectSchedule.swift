/// When `vitals attach` tries again after the link drops: 2, 5 and 10 s, then every 30 s, forever.
/// A connection that delivered a tick resets it. Tests give shorter delays of the same shape.
public struct ReconnectSchedule: Sendable, Equatable {
    public static let standardDelays: [Double] = [2, 5, 10]
    public static let standardSteady: Double = 30

    public let delays: [Double]
    public let steady: Double
    /// Failed attempts since the last good connection.
    public private(set) var failures = 0

    public init(delays: [Double] = ReconnectSchedule.standardDelays, steady: Double = ReconnectSchedule.standardSteady) {
        self.delays = delays
        self.steady = steady
    }

    /// Seconds to wait after one more failure.
    public mutating func next() -> Double {
        failures += 1
        return failures <= delays.count ? delays[failures - 1] : steady
    }

    public mutating func reset() { failures = 0 }
}
