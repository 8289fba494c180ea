import Collectors
import Glibc
import ProcFS
import Synchronization
import VitalsCore

/// Collects on a dedicated thread at a fixed cadence, so a slow read never delays a frame or a key
/// (the cooperative pool has only two threads here and must never block).
final class CollectionThread: Sendable {
    private let stopRequested = Atomic<Bool>(false)

    /// Starts the thread. The first snapshot comes at once, a second after `warmup` so rates are
    /// shown within a fraction of a second, then one every `interval`.
    static func start(
        procfs: ProcFS, sysfs: SysFS, ignoredFilesystemTypes: Set<String>, interval: Duration, warmup: Duration = .milliseconds(250),
        details: ProcessDetailRequest, mailbox: SnapshotMailbox, wake: WakePipe
    ) -> CollectionThread {
        let thread = CollectionThread()
        BackgroundThread.run {
            let registry = CollectorRegistry(
                collectors: StandardCollectors.make(
                    procfs: procfs, sysfs: sysfs, processDetails: .requested(details), ignoredFilesystemTypes: ignoredFilesystemTypes
                ),
                intervals: StandardCollectors.defaultIntervals, clock: ContinuousClock()
            )
            let clock = ContinuousClock()
            var next = clock.now
            var first = true
            while !thread.stopRequested.load(ordering: .acquiring) {
                mailbox.put(registry.collect())
                wake.wake()
                next = next.advanced(by: first ? warmup : interval)
                first = false
                let now = clock.now
                if next < now { next = now.advanced(by: interval) }  // fell behind: skip, never burst
                BackgroundThread.sleep(now.duration(to: next))
            }
        }
        return thread
    }

    func stop() { stopRequested.store(true, ordering: .releasing) }
}
