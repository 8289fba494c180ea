import Collectors
import Glibc
import ProcFS
import Synchronization
import VitalsCore

/// Collects on a dedicated thread at a fixed cadence, so a slow read never delays a frame or a key
/// (the cooperative pool has only two threads here and must never block).
final class CollectionThread: Sendable {
    private let stopRequested = Atomic<Bool>(false)
    private let started = Atomic<Bool>(false)
    /// Milliseconds between collections; a reload may change it.
    private let intervalMilliseconds: Atomic<Int64>
    /// Interfaces left out; a reload may change them.
    private let skippedInterfaces: Mutex<Set<String>>

    private let options: DashboardOptions
    private let warmup: Duration
    private let details: ProcessDetailRequest
    private let mailbox: SnapshotMailbox
    private let wake: WakePipe

    /// Prepares the thread; `start()` starts it. The first snapshot comes at once, a second after
    /// `warmup` so rates are shown within a fraction of a second, then one every `interval`.
    init(options: DashboardOptions, warmup: Duration = .milliseconds(250), details: ProcessDetailRequest, mailbox: SnapshotMailbox, wake: WakePipe) {
        intervalMilliseconds = Atomic(Self.milliseconds(options.interval))
        skippedInterfaces = Mutex(options.skippedInterfaces)
        self.options = options
        self.warmup = warmup
        self.details = details
        self.mailbox = mailbox
        self.wake = wake
    }

    /// Starts collecting. The dashboard calls it once its first frame is on screen: the first
    /// collection (every process, the socket tables) is several milliseconds of CPU that would
    /// otherwise compete with the first frame on a busy two-core host (docs/PERFORMANCE.md).
    func start() {
        guard !started.exchange(true, ordering: .relaxed) else { return }
        let procfs = options.procfs, sysfs = options.sysfs, ignored = options.ignoredFilesystemTypes
        let disabled = options.disabledCollectors, intervals = options.collectorIntervals
        let warmup = warmup, details = details, mailbox = mailbox, wake = wake
        BackgroundThread.run { [self] in
            let registry = CollectorRegistry(
                collectors: StandardCollectors.make(procfs: procfs, sysfs: sysfs, processDetails: .requested(details), ignoredFilesystemTypes: ignored)
                    .filter { !disabled.contains($0.name) },
                intervals: intervals, clock: ContinuousClock()
            )
            let clock = ContinuousClock()
            var next = clock.now
            var first = true
            while !stopRequested.load(ordering: .acquiring) {
                var snapshot = registry.collect()
                let skipped = skippedInterfaces.withLock { $0 }
                if !skipped.isEmpty { snapshot.network?.removeAll { skipped.contains($0.name) } }
                mailbox.put(snapshot)
                wake.wake()
                let interval = Duration.milliseconds(intervalMilliseconds.load(ordering: .relaxed))
                next = next.advanced(by: first ? warmup : interval)
                first = false
                let now = clock.now
                if next < now { next = now.advanced(by: interval) }  // fell behind: skip, never burst
                BackgroundThread.sleep(now.duration(to: next))
            }
        }
    }

    /// Settings a reload may change while running.
    func update(interval: Duration, skippedInterfaces: Set<String>) {
        intervalMilliseconds.store(Self.milliseconds(interval), ordering: .relaxed)
        self.skippedInterfaces.withLock { $0 = skippedInterfaces }
    }

    private static func milliseconds(_ d: Duration) -> Int64 {
        let (s, atto) = d.components
        return max(100, s * 1000 + atto / 1_000_000_000_000_000)
    }

    func stop() { stopRequested.store(true, ordering: .releasing) }
}
