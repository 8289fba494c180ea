/// The parsed content of /proc/stat.
public struct CPUStat: Sendable, Equatable {
    /// One core's identity and times.
    public struct Core: Sendable, Equatable {
        public var id: Int
        public var times: CPUTimes
        public init(id: Int, times: CPUTimes) {
            self.id = id
            self.times = times
        }
    }

    public var total = CPUTimes()
    /// Cores in the order the kernel lists them (offline cores are absent).
    public var cores: [Core] = []
    public var contextSwitches: UInt64 = 0
    public var interrupts: UInt64 = 0
    public var bootTime: UInt64 = 0
    public var processesRunning: UInt64 = 0
    public var processesBlocked: UInt64 = 0
    public var forks: UInt64 = 0

    public init() {}
}

/// CPU readings of one tick: the counters and the utilisation derived from the previous tick.
public struct CPUReading: Sendable, Equatable {
    public var stat: CPUStat
    /// Whole-machine usage since the previous tick; nil on the first tick or after a reset.
    public var usage: CPUUsage?
    /// Per-core busy fraction keyed like `stat.cores`; nil entries for a core without history.
    public var coreBusy: [Double?]
    public var contextSwitchesPerSecond: Double?
    public var interruptsPerSecond: Double?

    public init(stat: CPUStat, usage: CPUUsage? = nil, coreBusy: [Double?] = []) {
        self.stat = stat
        self.usage = usage
        self.coreBusy = coreBusy
    }
}
