import Collectors
import ContainerRuntime
import Glibc
import Synchronization
import VitalsCore

/// The collection thread: a registry of the standard collectors run at the cadence
/// (`TickCadence`), each snapshot handed to `deliver`. A dedicated thread, so a slow read never
/// delays a frame, a key or a request (the cooperative pool has two threads here and must never block).
final class CollectionLoop: Sendable {
    private let settings: CollectionSettings
    private let stopRequested = Atomic<Bool>(false)
    private let running = Atomic<Bool>(false)
    /// Milliseconds between collections, and the interfaces left out: a reload may change both.
    private let intervalMilliseconds: Atomic<Int64>
    private let skippedInterfaces: Mutex<Set<String>>

    init(settings: CollectionSettings) {
        self.settings = settings
        intervalMilliseconds = Atomic(Self.milliseconds(settings.interval))
        skippedInterfaces = Mutex(settings.skippedInterfaces)
    }

    func start(deliver: @escaping @Sendable (Snapshot) -> Void) {
        guard !running.exchange(true, ordering: .acquiringAndReleasing) else { return }
        BackgroundThread.run { [self] in
            defer { running.store(false, ordering: .releasing) }
            let s = settings
            // The runtime is followed on a thread of its own; a tick copies what it holds.
            let watcher = s.containerSockets.isEmpty || s.disabledCollectors.contains("containers") ? nil : ContainerWatcher(candidates: s.containerSockets)
            watcher?.start()
            defer { watcher?.stop() }
            let registry = CollectorRegistry(
                collectors: StandardCollectors.make(
                    procfs: s.procfs, sysfs: s.sysfs, processDetails: s.processDetails, ignoredFilesystemTypes: s.ignoredFilesystemTypes, containers: watcher,
                    textfileDirectory: s.textfileDirectory
                ).filter { !s.disabledCollectors.contains($0.name) },
                intervals: s.collectorIntervals, clock: ContinuousClock()
            )
            let clock = ContinuousClock()
            let origin = clock.now
            var cadence = TickCadence(warmup: s.warmup, interval: .milliseconds(intervalMilliseconds.load(ordering: .relaxed)))
            var due = Duration.zero
            while !stopRequested.load(ordering: .acquiring) {
                var snapshot = registry.collect()
                let skipped = skippedInterfaces.withLock { $0 }
                if !skipped.isEmpty { snapshot.network?.removeAll { skipped.contains($0.name) } }
                deliver(snapshot)
                cadence.interval = .milliseconds(intervalMilliseconds.load(ordering: .relaxed))
                let now = origin.duration(to: clock.now)
                due = cadence.next(after: due, now: now)
                // In steps of at most 100 ms, so that stopping never waits a whole interval.
                while !stopRequested.load(ordering: .relaxed) {
                    let left = due - origin.duration(to: clock.now)
                    guard left > .zero else { break }
                    BackgroundThread.sleep(min(left, .milliseconds(100)))
                }
            }
        }
    }

    /// The configured interval, in seconds (not a measured gap between two ticks).
    var intervalSeconds: Double { Double(intervalMilliseconds.load(ordering: .relaxed)) / 1000 }

    /// Settings a reload may change while running.
    func update(interval: Duration, skippedInterfaces: Set<String>) {
        intervalMilliseconds.store(Self.milliseconds(interval), ordering: .relaxed)
        self.skippedInterfaces.withLock { $0 = skippedInterfaces }
    }

    /// Stops, and waits (up to 5 s) for a collection under way to be recorded.
    func stop() {
        stopRequested.store(true, ordering: .releasing)
        for _ in 0..<500 where running.load(ordering: .acquiring) { BackgroundThread.sleep(.milliseconds(10)) }
    }

    private static func milliseconds(_ d: Duration) -> Int64 {
        let (s, atto) = d.components
        return max(100, s * 1000 + atto / 1_000_000_000_000_000)
    }
}
