/// Everything the dashboard view draws, as plain values: the view never sees the store or /proc.
public struct DashboardModel: Sendable, Equatable {
    public struct Status: Sendable, Equatable {
        public var host: String
        public var uptime: String
        public var clock: String
        public var interval: String
        public var selfCPU: Double?
        public var selfRSS: UInt64?
        /// Collectors that failed on the latest tick, with their errors.
        public var problems: [String]
        /// Bytes the history store holds (`vitals_store_bytes`).
        public var storeBytes: Int?
        /// Lasting conditions worth a word (history file moved aside, read-only, failing).
        public var notices: [String] = []
        /// Space froze the panes.
        public var frozen = false
        /// Where this process serves /metrics and the API (`--serve`).
        public var serving: String?
        /// Time travel: the past moment the panes show (`HH:MM:SS`); nil when live.
        public var past: String?
        /// `g`: the time being typed.
        public var jumpText: String?
        /// `vitals attach`: the link to the remote agent (nil when the panes are this host's).
        public var remote: RemoteLink?

        public init(host: String, uptime: String, clock: String, interval: String, selfCPU: Double?, selfRSS: UInt64?, problems: [String] = []) {
            self.host = host
            self.uptime = uptime
            self.clock = clock
            self.interval = interval
            self.selfCPU = selfCPU
            self.selfRSS = selfRSS
            self.problems = problems
        }
    }

    /// What the status line says about a remote agent's connection.
    public struct RemoteLink: Sendable, Equatable {
        /// `REMOTE`, or `DISCONNECTED 0:42 · retry in 5 s`.
        public var text: String
        /// Drawn as a warning.
        public var down: Bool

        public init(text: String, down: Bool) {
            self.text = text
            self.down = down
        }
    }

    public struct CPU: Sendable, Equatable {
        /// Busy fraction 0…1 of the whole machine.
        public var busy: Double?
        public var user: Double?
        public var system: Double?
        public var iowait: Double?
        public var steal: Double?
        /// Busy fraction history, oldest first.
        public var history: GraphHistory
        /// `m`: the history split by mode instead (nil when the plain graph is shown).
        public var modes: Modes?
        public var cores: [Core]
        public var load: Load?
        public var error: String?
        /// Average core frequency, hottest temperature, CPU pressure (some, avg10, %) and a cgroup limit.
        public var frequencyHertz: Double?
        public var hottestCelsius: Double?
        public var pressurePercent: Double?
        public var limitCores: Double?

        public init(busy: Double?, user: Double? = nil, system: Double? = nil, iowait: Double? = nil, steal: Double? = nil,
                    history: GraphHistory, cores: [Core], load: Load?, error: String? = nil) {
            self.busy = busy
            self.user = user
            self.system = system
            self.iowait = iowait
            self.steal = steal
            self.history = history
            self.cores = cores
            self.load = load
            self.error = error
        }

        /// The mode split over time, grouped as vmstat does: user includes nice, system includes irq
        /// and softirq; iowait and steal on their own. Each a fraction of all CPU time.
        public struct Modes: Sendable, Equatable {
            public var user: GraphHistory
            public var system: GraphHistory
            public var iowait: GraphHistory
            public var steal: GraphHistory
            public init(user: GraphHistory, system: GraphHistory, iowait: GraphHistory, steal: GraphHistory) {
                self.user = user
                self.system = system
                self.iowait = iowait
                self.steal = steal
            }
        }

        public struct Core: Sendable, Equatable {
            public var id: Int
            public var busy: Double?
            /// The last few ticks, oldest first, for the mini sparkline beside the meter.
            public var recent: [Double?] = []
            public init(id: Int, busy: Double?) {
                self.id = id
                self.busy = busy
            }
        }

        public struct Load: Sendable, Equatable {
            public var one: Double
            public var five: Double
            public var fifteen: Double
            public init(one: Double, five: Double, fifteen: Double) {
                self.one = one
                self.five = five
                self.fifteen = fifteen
            }
        }
    }

    public struct Memory: Sendable, Equatable {
        public var total: UInt64
        /// total − available: the one definition of "used".
        public var used: UInt64
        public var available: UInt64
        /// Page cache plus buffers.
        public var cached: UInt64
        public var free: UInt64
        public var swapTotal: UInt64
        public var swapUsed: UInt64
        /// Used fraction history, oldest first.
        public var history: GraphHistory
        public var error: String?
        public var swapInPagesPerSecond: Double?
        public var swapOutPagesPerSecond: Double?
        public var majorFaultsPerSecond: Double?
        /// Memory pressure (some, avg10, %).
        public var pressurePercent: Double?
        /// vitals' own cgroup memory limit, when it has one.
        public var limitBytes: UInt64?
        /// The first frame, drawn from the history file before the first reading: the graph is
        /// history, and the figures are not known yet (shown as "-", in the rows they will fill).
        public var pending = false

        public init(total: UInt64, used: UInt64, available: UInt64, cached: UInt64, free: UInt64, swapTotal: UInt64, swapUsed: UInt64, history: GraphHistory, error: String? = nil) {
            self.total = total
            self.used = used
            self.available = available
            self.cached = cached
            self.free = free
            self.swapTotal = swapTotal
            self.swapUsed = swapUsed
            self.history = history
            self.error = error
        }
    }

    public struct Filesystem: Sendable, Equatable {
        public var mountPoint: String
        public var used: UInt64
        public var size: UInt64
        public var fraction: Double
        public init(mountPoint: String, used: UInt64, size: UInt64, fraction: Double) {
            self.mountPoint = mountPoint
            self.used = used
            self.size = size
            self.fraction = fraction
        }
    }

    public struct Device: Sendable, Equatable {
        public var name: String
        public var readPerSecond: Double?
        public var writePerSecond: Double?
        public var operationsPerSecond: Double?
        public var busyFraction: Double?
        public var averageWaitMilliseconds: Double?
        /// Read and write bytes per second, oldest first (drawn when the pane has room).
        public var readHistory: GraphHistory = .empty
        public var writeHistory: GraphHistory = .empty
        public init(name: String, readPerSecond: Double?, writePerSecond: Double?) {
            self.name = name
            self.readPerSecond = readPerSecond
            self.writePerSecond = writePerSecond
        }
    }

    public struct Disk: Sendable, Equatable {
        public var filesystems: [Filesystem]
        public var devices: [Device]
        public var error: String?
        /// Mount points that did not answer (or failed), with the reason.
        public var unavailable: [(mountPoint: String, reason: String)] = []

        public static func == (a: Disk, b: Disk) -> Bool {
            a.filesystems == b.filesystems && a.devices == b.devices && a.error == b.error
                && a.unavailable.elementsEqual(b.unavailable) { $0.mountPoint == $1.mountPoint && $0.reason == $1.reason }
        }
        public init(filesystems: [Filesystem], devices: [Device], error: String? = nil) {
            self.filesystems = filesystems
            self.devices = devices
            self.error = error
        }
    }

    public struct Interface: Sendable, Equatable {
        public var name: String
        public var receivePerSecond: Double?
        public var transmitPerSecond: Double?
        public var receiveHistory: GraphHistory
        public var transmitHistory: GraphHistory
        /// Receive + transmit errors and drops per second (shown only when non-zero).
        public var errorsPerSecond: Double?
        public var dropsPerSecond: Double?
        /// True when sysfs says the link is down.
        public var isDown = false
        public init(name: String, receivePerSecond: Double?, transmitPerSecond: Double?, receiveHistory: GraphHistory, transmitHistory: GraphHistory) {
            self.name = name
            self.receivePerSecond = receivePerSecond
            self.transmitPerSecond = transmitPerSecond
            self.receiveHistory = receiveHistory
            self.transmitHistory = transmitHistory
        }
    }

    public struct Network: Sendable, Equatable {
        public var interfaces: [Interface]
        public var error: String?
        /// TCP sockets by state, in the order shown (`est 12`, `tw 3` …); empty when not read.
        public var tcpStates: [(label: String, count: Int)] = []

        public static func == (a: Network, b: Network) -> Bool {
            a.interfaces == b.interfaces && a.error == b.error
                && a.tcpStates.elementsEqual(b.tcpStates) { $0.label == $1.label && $0.count == $1.count }
        }
        public init(interfaces: [Interface], error: String? = nil) {
            self.interfaces = interfaces
            self.error = error
        }
    }

    public struct ProcessRow: Sendable, Equatable {
        public var pid: Int32
        public var user: String
        public var cpuPercent: Double?
        public var memoryPercent: Double?
        public var residentBytes: UInt64
        public var name: String
        /// Read + write bytes per second through the block layer; nil when not read or not permitted.
        public var ioBytesPerSecond: Double?
        /// In the tree view: the branch drawn before the name (`├─ `, `│  └─ `).
        public var treePrefix = ""
        public init(pid: Int32, user: String, cpuPercent: Double?, memoryPercent: Double?, residentBytes: UInt64, name: String) {
            self.pid = pid
            self.user = user
            self.cpuPercent = cpuPercent
            self.memoryPercent = memoryPercent
            self.residentBytes = residentBytes
            self.name = name
        }
    }

    /// One firing alert as the banner shows it.
    public struct BannerAlert: Sendable, Equatable {
        public enum Severity: String, Sendable {
            case info, warning, critical

            var rank: Int { self == .critical ? 2 : self == .warning ? 1 : 0 }
            var label: String { rawValue.uppercased() }
        }

        public var name: String
        public var severity: Severity
        /// Seconds since it started firing.
        public var age: Double
        /// Label sets firing under this rule (one per filesystem, say).
        public var count: Int

        public init(name: String, severity: Severity, age: Double, count: Int = 1) {
            self.name = name
            self.severity = severity
            self.age = age
            self.count = count
        }
    }

    /// Choosing a signal for a process: the choices, the one marked, and whether it awaits `y`.
    public struct SignalChooser: Sendable, Equatable {
        public var target: String
        public var choices: [String]
        public var choice: Int
        public var confirming: Bool

        public init(target: String, choices: [String], choice: Int, confirming: Bool) {
            self.target = target
            self.choices = choices
            self.choice = choice
            self.confirming = confirming
        }
    }

    /// One cgroup (a service, a container) in the containers view.
    public struct ContainerRow: Sendable, Equatable {
        public var name: String
        public var processes: Int
        public var cpuPercent: Double?
        public var memoryBytes: UInt64?
        public var memoryLimitBytes: UInt64?
        public var ioReadPerSecond: Double?
        public var ioWritePerSecond: Double?

        public init(name: String, processes: Int) {
            self.name = name
            self.processes = processes
        }
    }

    public struct Processes: Sendable, Equatable {
        /// Sorted by CPU, most first; the view shows as many as fit.
        public var rows: [ProcessRow]
        public var total: Int
        public var error: String?
        public var running = 0
        public var zombies = 0
        public var sort: ProcessSort = .cpu
        /// Index in `rows` of the selected process (arrows), and its detail line.
        public var selectedIndex: Int?
        public var detail: String?
        /// The filter (`/`), whether it is being typed, and rows matching it before the cap.
        public var filter = ""
        public var editingFilter = false
        public var matching: Int?
        /// `f`: the selection follows its process when the order changes.
        public var follow = false
        /// `t`: rows are a tree (parents before their children).
        public var tree = false
        /// `c`: the pane lists cgroups (services, containers) instead of processes.
        public var containers: [ContainerRow]?
        /// Time travel: what the rows are (a moment's heaviest processes), for the pane's title.
        public var past: String?
        public init(rows: [ProcessRow], total: Int, error: String? = nil) {
            self.rows = rows
            self.total = total
            self.error = error
        }
    }

    public var status: Status
    /// What the graphs span (shown in the graph panes' titles unless live).
    public var window: HistoryWindow = .live
    /// Panes shown (keys 1–5) and the layout preset (`p`; nil: by terminal size).
    public var shownPanes: Set<PaneID> = Set(PaneID.allCases)
    public var layoutPreset: DashboardLayout.Mode?
    /// Firing alerts for the banner row (empty: no banner).
    public var alerts: [BannerAlert] = []
    /// `a`: active and recent alerts over the screen.
    public var alertList: AlertList?
    /// Draw in 7-bit ASCII only (the glyph ladder's last rung).
    public var asciiOnly = false
    /// With `asciiOnly`: the terminal draws lines from its alternate character set (ACS), so
    /// borders stay lines (`┌─┐`, sent as VT100 line drawing) instead of `+-|`.
    public var lineDrawing = false
    /// Draw the CPU graph in braille (the ladder's top rung) rather than block elements.
    public var braille = false
    /// Space froze the screen; `?` shows the help overlay.
    public var frozen = false
    public var showHelp = false
    /// `k`: the signal chooser over the screen.
    public var signalChooser: SignalChooser?
    public var cpu: CPU
    public var memory: Memory?
    public var disk: Disk
    public var network: Network
    public var processes: Processes

    public init(status: Status, cpu: CPU, memory: Memory?, disk: Disk, network: Network, processes: Processes) {
        self.status = status
        self.cpu = cpu
        self.memory = memory
        self.disk = disk
        self.network = network
        self.processes = processes
    }

    /// What the screen shows before the first snapshot arrives.
    public static func waiting(host: String) -> DashboardModel {
        DashboardModel(
            status: Status(host: host, uptime: "-", clock: "", interval: "", selfCPU: nil, selfRSS: nil),
            cpu: CPU(busy: nil, history: [], cores: [], load: nil), memory: nil,
            disk: Disk(filesystems: [], devices: []), network: Network(interfaces: []),
            processes: Processes(rows: [], total: 0)
        )
    }
}
