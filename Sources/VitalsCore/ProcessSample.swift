/// One process as read from /proc/PID/stat (plus its owner), and CPU % derived from the previous tick.
public struct ProcessSample: Sendable, Equatable {
    // Stored largest first, and the optional figures as sentinels behind computed optionals (an
    // `Optional<Double>` is 9 bytes padded to 16): 168 bytes a sample instead of 216. A collector
    // holds three or four arrays of 1,000 and more of them at once.

    /// The kernel's `comm` (at most 15 bytes), raw: sanitise before display.
    public var name: String
    /// Resolved user name (filled for the rows that are shown, or by the collector).
    public var user: String?
    /// The full command line (arguments joined by spaces), raw; read only for rows that are shown.
    public var commandLine: String?
    /// The cgroup v2 path (`/system.slice/nginx.service`), read once per process.
    public var cgroup: String?
    public var utimeTicks: UInt64
    public var stimeTicks: UInt64
    /// Start time after boot, in clock ticks: with the pid it identifies a process across ticks.
    public var startTicks: UInt64
    public var virtualBytes: UInt64
    public var residentBytes: UInt64
    // A Double's bits, so that two missing figures compare equal (NaN is not equal to itself).
    private var storedCPUPercent = Self.missing
    private var storedIOReadBytes = UInt64.max
    private var storedIOWriteBytes = UInt64.max
    private var storedIOReadBytesPerSecond = Self.missing
    private var storedIOWriteBytesPerSecond = Self.missing
    public var pid: Int32
    public var ppid: Int32
    public var nice: Int32
    public var threads: Int32
    public var uid: UInt32
    public var state: UInt8
    /// True when this tick reused the previous reading of an idle process instead of reading it
    /// again (see `ProcessCollector`); its counters are from that earlier read.
    public var isCarriedOver = false

    /// CPU time over the last interval as a percentage of ONE core (htop's convention: 200 = two
    /// cores); nil before a second reading (NaN is stored as nil).
    public var cpuPercent: Double? {
        get { Self.figure(storedCPUPercent) }
        set { storedCPUPercent = Self.bits(newValue) }
    }

    /// Bytes read and written through the block layer (/proc/PID/io); nil when not read or not
    /// permitted (`UInt64.max`, which no counter reaches, is stored as nil).
    public var ioReadBytes: UInt64? {
        get { storedIOReadBytes == .max ? nil : storedIOReadBytes }
        set { storedIOReadBytes = newValue ?? .max }
    }

    public var ioWriteBytes: UInt64? {
        get { storedIOWriteBytes == .max ? nil : storedIOWriteBytes }
        set { storedIOWriteBytes = newValue ?? .max }
    }

    public var ioReadBytesPerSecond: Double? {
        get { Self.figure(storedIOReadBytesPerSecond) }
        set { storedIOReadBytesPerSecond = Self.bits(newValue) }
    }

    public var ioWriteBytesPerSecond: Double? {
        get { Self.figure(storedIOWriteBytesPerSecond) }
        set { storedIOWriteBytesPerSecond = Self.bits(newValue) }
    }

    private static let missing = Double.nan.bitPattern

    @inline(__always)
    private static func figure(_ bits: UInt64) -> Double? {
        bits == missing ? nil : Double(bitPattern: bits)
    }

    /// A figure's bits; nil and NaN are both stored as missing.
    @inline(__always)
    private static func bits(_ value: Double?) -> UInt64 {
        guard let value, !value.isNaN else { return missing }
        return value.bitPattern
    }

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
