import Collectors
import ProcFS

/// What collecting needs, from the effective configuration (the dashboard's options and the
/// agent's derive it the same way). `interval` and `skippedInterfaces` change on a reload.
public struct CollectionSettings: Sendable {
    public var procfs: ProcFS
    public var sysfs: SysFS
    public var interval: Duration
    /// Between the first collection and the second (rates need two).
    public var warmup: Duration = .milliseconds(250)
    public var ignoredFilesystemTypes: Set<String>
    public var skippedInterfaces: Set<String>
    public var disabledCollectors: Set<String>
    public var collectorIntervals: [String: Duration]
    /// Command lines and I/O for the rows a screen shows (`.none` headless).
    public var processDetails: ProcessDetailPolicy
    /// The container runtime's sockets to try, in order (`ContainerSocket.candidates`); none: no
    /// containers collector.
    public var containerSockets: [String] = []
    /// The textfile collector's directory (`collectors.textfile.directory`); nil: no such collector.
    public var textfileDirectory: String?

    public init(
        procfs: ProcFS, sysfs: SysFS, interval: Duration, ignoredFilesystemTypes: Set<String>, skippedInterfaces: Set<String>,
        disabledCollectors: Set<String>, collectorIntervals: [String: Duration], processDetails: ProcessDetailPolicy
    ) {
        self.procfs = procfs
        self.sysfs = sysfs
        self.interval = interval
        self.ignoredFilesystemTypes = ignoredFilesystemTypes
        self.skippedInterfaces = skippedInterfaces
        self.disabledCollectors = disabledCollectors
        self.collectorIntervals = collectorIntervals
        self.processDetails = processDetails
    }
}
