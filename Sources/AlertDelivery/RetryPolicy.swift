/// When to try a failed delivery again: exponential backoff from 2 s, doubling to at most 10
/// minutes, with jitter (each wait is drawn between half and all of it, so many alerts failing at
/// once do not retry in step). After `giveUpAfter` from the first attempt the entry is given up
/// and recorded as such; so is a request the receiver refuses outright (4xx other than 408/429).
public struct RetryPolicy: Sendable {
    public var base: Double = 2
    public var cap: Double = 600
    public var giveUpAfter: Double = 86_400

    public init(base: Double = 2, cap: Double = 600, giveUpAfter: Double = 86_400) {
        self.base = base
        self.cap = cap
        self.giveUpAfter = giveUpAfter
    }

    /// `attempts` failed so far (this one included); `unit` is a random draw in 0..<1.
    public func nextAttempt(after attempts: Int, createdAt: Double, now: Double, permanent: Bool, unit: Double) -> Double? {
        guard !permanent, now - createdAt < giveUpAfter else { return nil }
        let full = min(cap, base * Double(1 << min(attempts - 1, 20)))
        return now + full * (0.5 + 0.5 * unit)
    }

    /// HTTP statuses that will not change on retry.
    public static func isPermanent(status: Int) -> Bool {
        (400..<500).contains(status) && status != 408 && status != 429
    }
}
