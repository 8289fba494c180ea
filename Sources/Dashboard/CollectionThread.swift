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
        procfs: ProcFS, sysfs: SysFS, interval: Duration, warmup: Duration = .milliseconds(250),
        mailbox: SnapshotMailbox, wake: WakePipe
    ) -> CollectionThread {
        let thread = CollectionThread()
        BackgroundThread.run {
            let registry = CollectorRegistry(
                collectors: CollectorRegistry<ContinuousClock>.standardCollectors(procfs: procfs, sysfs: sysfs),
                clock: ContinuousClock()
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

/// A detached POSIX thread running a Sendable closure.
enum BackgroundThread {
    private final class Body: Sendable {
        let work: @Sendable () -> Void
        init(_ work: @escaping @Sendable () -> Void) { self.work = work }
    }

    static func run(_ work: @escaping @Sendable () -> Void) {
        var thread = pthread_t()
        let context = Unmanaged.passRetained(Body(work)).toOpaque()
        let result = pthread_create(&thread, nil, { raw in
            Unmanaged<Body>.fromOpaque(raw!).takeRetainedValue().work()
            return nil
        }, context)
        if result == 0 {
            pthread_detach(thread)
        } else {
            Unmanaged<Body>.fromOpaque(context).release()
        }
    }

    static func sleep(_ duration: Duration) {
        let (seconds, atto) = duration.components
        guard seconds > 0 || atto > 0 else { return }
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(atto / 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0, errno == EINTR { request = remaining }
    }
}
