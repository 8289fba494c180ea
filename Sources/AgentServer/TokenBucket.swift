/// A token bucket: `rate` tokens a second, at most `burst` held; each message or request takes one.
struct TokenBucket: Sendable {
    let rate: Double
    let burst: Double
    private(set) var tokens: Double
    private var last: Double

    init(rate: Double, burst: Double, now: Double) {
        self.rate = rate
        self.burst = burst
        tokens = burst
        last = now
    }

    /// Refills for the time since the last call, then takes a token if one is there.
    mutating func take(now: Double) -> Bool {
        refill(now: now)
        // A token refilled over a whole number of intervals must not miss by a rounding error.
        guard tokens >= 1 - 1e-9 else { return false }
        tokens -= 1
        return true
    }

    /// Takes a token even when none is there (an event that must go): the debt delays what follows.
    mutating func force(now: Double) {
        refill(now: now)
        tokens -= 1
    }

    /// Whether it would hold `burst` tokens at `now` (its client idle that long).
    func isFull(now: Double) -> Bool {
        tokens + max(0, now - last) * rate >= burst
    }

    /// Seconds until the next whole token, as of the last call.
    var secondsUntilToken: Double {
        tokens >= 1 ? 0 : (1 - tokens) / rate
    }

    private mutating func refill(now: Double) {
        if now > last { tokens = min(burst, tokens + (now - last) * rate) }
        last = max(last, now)
    }
}
