import Synchronization

/// The pids whose command line and I/O the process collector should read: the dashboard sets the
/// rows on screen here, the collection thread reads them (a Mutex, so either thread may go first).
public final class ProcessDetailRequest: Sendable {
    private let wanted = Mutex<Set<Int32>>([])
    private let allCommandLines = Atomic<Bool>(false)

    public init() {}

    public func set(_ pids: Set<Int32>) { wanted.withLock { $0 = pids } }
    public var pids: Set<Int32> { wanted.withLock { $0 } }

    /// Command lines for every process (each read once per process and cached), for a filter that
    /// matches them; I/O stays limited to the rows on screen.
    public func setCommandLinesForAll(_ on: Bool) { allCommandLines.store(on, ordering: .relaxed) }
    public var commandLinesForAll: Bool { allCommandLines.load(ordering: .relaxed) }
}

/// Which processes get their command line and /proc/PID/io read.
public enum ProcessDetailPolicy: Sendable {
    /// Every process (`vitals snapshot`, a one-off).
    case all
    /// Only the pids the dashboard shows.
    case requested(ProcessDetailRequest)
    /// None (benchmarks of the bare stat path).
    case none
}
