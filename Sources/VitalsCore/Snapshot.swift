/// Everything the collectors read in one tick: one Sendable value that crosses into the run loop.
///
/// A nil reading means its collector failed (or is disabled) this tick; `health` says which and why.
public struct Snapshot: Sendable, Equatable {
    /// Wall-clock time of the collection, seconds since the Unix epoch.
    public var time: Double
    /// Seconds since the previous snapshot (monotonic); nil for the first one.
    public var interval: Double?
    public var host: HostInfo
    public var cpu: CPUReading?
    public var load: LoadAverage?
    public var memory: MemoryInfo?
    public var disks: [DiskIO]?
    public var filesystems: [FilesystemUsage]?
    public var network: [NetworkInterface]?
    public var processes: [ProcessSample]?
    public var vmstat: VMStat?
    /// Empty when the kernel has no /proc/pressure (normal on older kernels).
    public var pressure: [Pressure]?
    public var sensors: Sensors?
    public var sockets: SocketSummary?
    /// Protocol counters, socket use, file handles, entropy (for /metrics).
    public var kernel: KernelCounters?
    public var unavailableMounts: [UnavailableMount]?
    public var cgroups: [CgroupUsage]?
    /// The container runtime's containers (nil when no runtime answered; `health` says why).
    public var containers: ContainerReading?
    /// The textfile collector's files and their samples (nil when it is not configured).
    public var textfile: TextfileReading?
    /// Limits of vitals' own cgroup; nil when it runs unlimited.
    public var selfLimits: SelfLimits?
    public var health: [CollectorHealth]
    /// The kernel's USER_HZ, for turning clock ticks into seconds.
    public var ticksPerSecond: Double

    public init(time: Double, interval: Double? = nil, host: HostInfo, ticksPerSecond: Double = 100) {
        self.time = time
        self.interval = interval
        self.host = host
        self.health = []
        self.ticksPerSecond = ticksPerSecond
    }

    /// Health of one collector by name.
    public func health(of name: String) -> CollectorHealth? {
        health.first { $0.name == name }
    }
}
