import Dispatch
import ProcFS
import Synchronization
import VitalsCore

/// statvfs with a deadline: each call runs on its own short-lived thread; if it does not answer in
/// time (a hung NFS or FUSE mount), the caller gets `.timedOut` at once and later calls for that
/// path get `.stillHung` without starting another thread, until the stuck call returns.
public final class StatvfsProbe: Sendable {
    public typealias Stats = (size: UInt64, free: UInt64, available: UInt64, files: UInt64, filesFree: UInt64)

    public enum Outcome: Sendable {
        case stats(size: UInt64, free: UInt64, available: UInt64, files: UInt64, filesFree: UInt64)
        case failed(String)
        case timedOut
        case stillHung
    }

    private let inFlight = Mutex<Set<String>>([])
    private let statfs: @Sendable (String) throws(FileError) -> Stats

    /// - Parameter statfs: the call to bound (injected by tests to simulate a hung mount).
    public init(statfs: @escaping @Sendable (String) throws(FileError) -> Stats) {
        self.statfs = statfs
    }

    public func stats(at path: String, deadline: Duration) -> Outcome {
        let started = inFlight.withLock { $0.insert(path).inserted }
        guard started else { return .stillHung }
        let done = DispatchSemaphore(value: 0)
        let result = ResultBox()
        BackgroundThread.run { [self] in
            let outcome: Outcome
            do {
                let s = try statfs(path)
                outcome = .stats(size: s.size, free: s.free, available: s.available, files: s.files, filesFree: s.filesFree)
            } catch {
                outcome = .failed(String(describing: error))
            }
            result.value.withLock { $0 = outcome }
            inFlight.withLock { _ = $0.remove(path) }
            done.signal()
        }
        let (seconds, atto) = deadline.components
        let nanos = Int(seconds) * 1_000_000_000 + Int(atto / 1_000_000_000)
        guard done.wait(timeout: .now() + .nanoseconds(nanos)) == .success else { return .timedOut }
        return result.value.withLock { $0 } ?? .timedOut
    }

    /// Where the probe thread leaves its answer (shared by the waiting caller and the thread).
    private final class ResultBox: Sendable {
        let value = Mutex<Outcome?>(nil)
    }
}
