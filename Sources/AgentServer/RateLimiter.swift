import Synchronization

/// Requests a second per client address: a token bucket each (`rate` a second, `burst` at most),
/// so one client flooding the API is answered 429 while every other client is served as before.
///
/// Buckets are kept for at most `maxAddresses` addresses; past that, the full ones (clients idle
/// long enough to have refilled) are forgotten, which loses nothing: a new bucket starts full.
public final class RateLimiter: Sendable {
    public struct Settings: Sendable, Equatable {
        /// Tokens a second; 0: no limit.
        public var rate: Double
        public var burst: Double
        /// Addresses never limited (the Prometheus servers that scrape this agent).
        public var exempt: Set<String>

        public init(rate: Double = 20, burst: Double = 40, exempt: Set<String> = []) {
            self.rate = rate
            self.burst = burst
            self.exempt = exempt
        }
    }

    public let settings: Settings
    let maxAddresses: Int
    private let buckets = Mutex<[String: TokenBucket]>([:])
    private let refusedCount = Atomic<Int>(0)

    public init(_ settings: Settings, maxAddresses: Int = 4096) {
        self.settings = settings
        self.maxAddresses = maxAddresses
    }

    /// Requests refused so far.
    public var refused: Int { refusedCount.load(ordering: .relaxed) }

    /// Addresses with a bucket now.
    var tracked: Int { buckets.withLock { $0.count } }

    /// nil: served. Otherwise the seconds until the address's next token.
    public func admit(_ address: String, now: Double) -> Double? {
        guard settings.rate > 0, !settings.exempt.contains(address) else { return nil }
        let wait: Double? = buckets.withLock { table in
            if table[address] == nil, table.count >= maxAddresses {
                table = table.filter { !$0.value.isFull(now: now) }
            }
            var bucket = table[address] ?? TokenBucket(rate: settings.rate, burst: settings.burst, now: now)
            defer { table[address] = bucket }
            return bucket.take(now: now) ? nil : bucket.secondsUntilToken
        }
        if wait != nil { refusedCount.add(1, ordering: .relaxed) }
        return wait
    }
}
