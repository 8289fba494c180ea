/// One process as read from /proc/PID/stat (plus its owner), and CPU % derived from the previous tick.
public struct ProcessSample: Sendable, Equatable {
    public var pid: Int32
    /// The kernel's `comm` (at most 15 bytes), raw: sanitise before display.
    public var name: String
    public var state: UInt8
    public var ppid: Int32
    public var utimeTicks: UInt64
    public var stimeTicks: UInt64
    public var nice: Int32
    public var threads: Int32
    /// Start time after boot, in clock ticks: with the pid it identifies a process across ticks.
    public var startTicks: UInt64
    public var virtualBytes: UInt64
    public var residentBytes: UInt64
    public var uid: UInt32
    /// Resolved user name (filled for the rows that are shown, or by the collector).
    public var user: String?
    /// CPU time over the last interval as a percentage of ONE core (htop's convention: 200 = two cores).
    public var cpuPercent: Double?
    /// The full command line (arguments joined by spaces), raw; read only for rows that are shown.
    public var commandLine: String?
    /// The cgroup v2 path (`/system.slice/nginx.service`), read once per process.
    public var cgroup: String?
    /// Bytes read and written through the block layer (/proc/PID/io); nil when not read or not permitted.
    public var ioReadBytes: UInt64?
    public var ioWriteBytes: UInt64?
    public var ioReadBytesPerSecond: Double?
    public var ioWriteBytesPerSecond: Double?
    /// True when this tick reused the previous reading of an idle process instead of reading it
    /// again (see `ProcessCollector`); its counters are from that earlier read.
    public var isCarriedOver = false

    public init(
        pid: Int32, name: String, state: UInt8, ppid: Int32, utimeTicks: UInt64, stimeTicks: UInt64,
        nice: Int32, threads: Int32, startTicks: UInt64, virtualBytes: UInt64, residentBytes: UInt64, uid: UInt32 = 0
    ) {
        self.pid = pid
        self.name = name
        self.state = state
        self.ppid = ppid
        self.utimeTicks = utimeTicks
        self.stimeTicks = stimeTicks
        self.nice = nice
        self.threads = threads
        self.startTicks = startTicks
        self.virtualBytes = virtualBytes
        self.residentBytes = residentBytes
        self.uid = uid
    }

    public var cpuTicks: UInt64 { utimeTicks &+ stimeTicks }
    /// Read plus write bytes per second, when known.
    public var ioBytesPerSecond: Double? {
        guard let r = ioReadBytesPerSecond, let w = ioWriteBytesPerSecond else { return nil }
        return r + w
    }
    public var stateCharacter: Character { Character(Unicode.Scalar(state)) }
}
