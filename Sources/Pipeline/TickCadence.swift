/// When the next collection is due: the first comes at once, the second `warmup` later (so the
/// first full frame already has rates), then one every `interval`. A collection that ran late
/// skips the moments it missed rather than bursting to catch up. Pure: the collection thread
/// sleeps until `next`, tests step it without sleeping.
public struct TickCadence: Sendable, Equatable {
    public var warmup: Duration
    public var interval: Duration
    private var first = true

    public init(warmup: Duration, interval: Duration) {
        self.warmup = warmup
        self.interval = interval
    }

    /// The deadline after a collection that was due at `due` and finished at `now`.
    public mutating func next(after due: Duration, now: Duration) -> Duration {
        let step = first ? warmup : interval
        first = false
        let next = due + step
        return next < now ? now + interval : next
    }
}
