import Glibc
import ProcFS
import VitalsCore

/// Runs every collector once per tick: times each one, isolates its failure, tracks its health, and
/// derives rates, producing one `Snapshot`.
public final class CollectorRegistry<C: Clock> where C.Duration == Duration {
    private var collectors: [any Collector]
    private var health: [CollectorHealth]
    private var rates = RateDeriver()
    private let clock: C
    private let wallClock: @Sendable () -> Double
    private var lastInstant: C.Instant?
    private let ticksPerSecond: Double

    /// - Parameters:
    ///   - clock: monotonic clock for intervals and collector durations (injected for tests).
    ///   - wallClock: seconds since the epoch, stamped on each snapshot.
    public init(collectors: [any Collector], clock: C, wallClock: @escaping @Sendable () -> Double = WallClock.now, failureThreshold: Int = 3) {
        self.collectors = collectors
        self.health = collectors.map { CollectorHealth(name: $0.name, failureThreshold: failureThreshold) }
        self.clock = clock
        self.wallClock = wallClock
        self.ticksPerSecond = Double(max(sysconf(Int32(_SC_CLK_TCK)), 1))
    }

    /// The standard set of collectors, reading through the given roots.
    public static func standardCollectors(procfs: ProcFS, sysfs: SysFS) -> [any Collector] {
        [
            HostCollector(procfs: procfs), CPUCollector(procfs: procfs), LoadCollector(procfs: procfs),
            MemoryCollector(procfs: procfs), DiskCollector(procfs: procfs, sysfs: sysfs),
            FilesystemCollector(procfs: procfs), NetworkCollector(procfs: procfs), ProcessCollector(procfs: procfs),
        ]
    }

    /// Collects one snapshot.
    public func collect() -> Snapshot {
        let now = clock.now
        let interval = lastInstant.map { Self.seconds($0.duration(to: now)) }
        lastInstant = now
        var snapshot = Snapshot(time: wallClock(), interval: interval, host: HostInfo(hostname: ""), ticksPerSecond: ticksPerSecond)
        for i in collectors.indices {
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
        rates.derive(&snapshot)
        return snapshot
    }

    static func seconds(_ d: Duration) -> Double {
        let (s, atto) = d.components
        return Double(s) + Double(atto) / 1e18
    }
}

/// Wall-clock seconds since the epoch (CLOCK_REALTIME).
public enum WallClock {
    @Sendable public static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
