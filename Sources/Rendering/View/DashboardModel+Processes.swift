extension DashboardModel {
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
        /// The figures htop shows beside them; nil where unknown (a past moment keeps fewer).
        public var state: Character?
        public var nice: Int32?
        public var virtualBytes: UInt64?
        /// User plus system CPU time since the process started.
        public var cpuSeconds: Double?
        public var threads: Int32?
        /// The command line (sanitised when drawn); nil when not read (then the name is shown).
        public var commandLine: String?
        /// In the tree view: this row's children are hidden (`*` toggled it); drawn as `+`.
        public var collapsed = false
        public init(pid: Int32, user: String, cpuPercent: Double?, memoryPercent: Double?, residentBytes: UInt64, name: String) {
            self.pid = pid
            self.user = user
            self.cpuPercent = cpuPercent
            self.memoryPercent = memoryPercent
            self.residentBytes = residentBytes
            self.name = name
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
        /// The runtime's word for a container (`running`, `exited`); nil for a plain cgroup.
        public var state: String?
        /// Exited non-zero, dead or unhealthy: drawn in the alert colour.
        public var failed = false
        /// What to know beside the name: `exit 137, 4m ago`, `unhealthy`, `4 restarts`, its image.
        public var note: String?

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
        /// `I`: the order is reversed.
        public var reversed = false
        /// The columns shown (`dashboard.columns`, F2), in order.
        public var columns: [ProcessColumn] = ProcessColumn.standard
        /// `K`: kernel threads are hidden.
        public var hidingKernelThreads = false
        /// `u`: only this user's processes are listed.
        public var user: String?
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
        /// Why the containers view has no runtime's names and states (no socket, no permission).
        public var runtimeProblem: String?
        /// Time travel: what the rows are (a moment's heaviest processes), for the pane's title.
        public var past: String?
        public init(rows: [ProcessRow], total: Int, error: String? = nil) {
            self.rows = rows
            self.total = total
            self.error = error
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
}
