import Glibc
import ProcFS
import VitalsCore

/// Runs the collectors each tick: each one when its own interval is due (others carry their last
/// reading over), times it, isolates its failure, tracks its health, and derives rates, producing
/// one `Snapshot`.
public final class CollectorRegistry<C: Clock> where C.Duration == Duration {
    private var collectors: [any Collector]
    private var intervals: [Duration?]
    private var lastRun: [C.Instant?]
    private var health: [CollectorHealth]
    private var rates = RateDeriver()
    private let clock: C
    private let wallClock: @Sendable () -> Double
    private var lastInstant: C.Instant?
    private var previous: Snapshot?
    private let ticksPerSecond: Double

    /// - Parameters:
    ///   - intervals: per collector name, how often it runs; collectors not named run every tick.
    ///   - clock: monotonic clock for intervals and collector durations (injected for tests).
    ///   - wallClock: seconds since the epoch, stamped on each snapshot.
    ///   - failureThreshold: failures in a row after which a collector counts as unhealthy.
    public init(
        collectors: [any Collector], intervals: [String: Duration] = [:], clock: C,
        wallClock: @escaping @Sendable () -> Double = WallClock.now, failureThreshold: Int = 3
    ) {
        self.collectors = collectors
        self.intervals = collectors.map { intervals[$0.name] }
        self.lastRun = Array(repeating: nil, count: collectors.count)
        self.health = collectors.map { CollectorHealth(name: $0.name, failureThreshold: failureThreshold) }
        self.clock = clock
        self.wallClock = wallClock
        self.ticksPerSecond = Double(max(sysconf(Int32(_SC_CLK_TCK)), 1))
    }

    /// Collects one snapshot.
    public func collect() -> Snapshot {
        let now = clock.now
        let interval = lastInstant.map { Self.seconds($0.duration(to: now)) }
        lastInstant = now
        var snapshot = Snapshot(time: wallClock(), interval: interval, host: HostInfo(hostname: ""), ticksPerSecond: ticksPerSecond)
        var elapsed: [String: Double] = [:]
        var ran: Set<String> = []
        for i in collectors.indices {
            let name = collectors[i].name
            if let every = intervals[i], let last = lastRun[i], last.duration(to: now) < every - .milliseconds(100) {
                if let previous { collectors[i].carryOver(from: previous, into: &snapshot) }
                continue
            }
            if let last = lastRun[i] { elapsed[name] = Self.seconds(last.duration(to: now)) }
            lastRun[i] = now
            ran.insert(name)
            let start = clock.now
            do {
                try collectors[i].collect(into: &snapshot)
                health[i].consecutiveFailures = 0
                health[i].lastSuccess = snapshot.time
            } catch {
                health[i].consecutiveFailures += 1
                health[i].errorCount += 1
                health[i].lastError = String(describing: error)
            }
            health[i].lastDurationSeconds = Self.seconds(start.duration(to: clock.now))
        }
        snapshot.health = health
        rates.derive(&snapshot, ran: ran, elapsed: elapsed)
        previous = snapshot
        return snapshot
    }

    static func seconds(_ d: Duration) -> Double {
        let (s, atto) = d.components
        return Double(s) + Double(atto) / 1e18
    }
}
