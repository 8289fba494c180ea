/// A column of the process table. Which ones are shown is `dashboard.columns` (F2 chooses); when
/// the pane is too narrow for all of them, the least needed go first (`keep`), and the command
/// always stays: a table of numbers without names answers nothing.
public enum ProcessColumn: String, Sendable, CaseIterable {
    case pid
    case user
    case state
    case nice
    case cpu
    case memory = "mem"
    case virtual = "virt"
    case resident = "rss"
    case time
    case threads
    case io
    case command

    /// Every column, in the table's order (the default).
    public static let standard: [ProcessColumn] = allCases

    /// The header as htop spells it.
    public var title: String {
        switch self {
        case .pid: "PID"
        case .user: "USER"
        case .state: "S"
        case .nice: "NI"
        case .cpu: "CPU%"
        case .memory: "MEM%"
        case .virtual: "VIRT"
        case .resident: "RSS"
        case .time: "TIME+"
        case .threads: "THR"
        case .io: "IO/s"
        case .command: "COMMAND"
        }
    }

    /// What the column chooser says of it.
    public var meaning: String {
        switch self {
        case .pid: "process id"
        case .user: "owner"
        case .state: "state: R running, S sleeping, D disk wait, Z zombie, T stopped, I idle"
        case .nice: "nice value (F7/F8 change it)"
        case .cpu: "CPU over the last tick, % of one core"
        case .memory: "resident memory, % of RAM"
        case .virtual: "virtual memory size"
        case .resident: "resident memory"
        case .time: "CPU time used since start (minutes:seconds.hundredths)"
        case .threads: "threads"
        case .io: "disk reads + writes per second"
        case .command: "command line (the name when narrow)"
        }
    }

    /// Fixed width; nil for the command, which takes the rest.
    public var width: Int? {
        switch self {
        case .pid: 7
        case .user: 9
        case .state: 1
        case .nice: 3
        case .cpu, .memory: 5
        case .virtual, .resident, .io: 6
        case .time: 9
        case .threads: 4
        case .command: nil
        }
    }

    public var alignRight: Bool { ![.user, .state, .command].contains(self) }

    /// How long the column holds out as the pane narrows: the lowest goes first.
    public var keep: Int {
        switch self {
        case .command: 100
        case .pid: 90
        case .cpu: 80
        case .resident: 70
        case .memory: 60
        case .user: 50
        case .state: 40
        case .io: 30
        case .time: 20
        case .threads: 15
        case .nice: 10
        case .virtual: 5
        }
    }

    /// The order a click on its header sets; nil for a column that does not order.
    public var sort: ProcessSort? {
        switch self {
        case .pid: .pid
        case .user: .user
        case .cpu: .cpu
        case .memory, .resident: .memory
        case .virtual: .virtual
        case .time: .time
        case .threads: .threads
        case .nice: .nice
        case .io: .io
        case .command: .name
        case .state: nil
        }
    }

    /// The cell for `row`; `full` when the command column is wide enough for command lines.
    public func text(_ row: DashboardModel.ProcessRow, commandLines: Bool) -> String {
        switch self {
        case .pid: String(row.pid)
        case .user: row.user
        case .state: row.state.map(String.init) ?? "-"
        case .nice: row.nice.map { String($0) } ?? "-"
        case .cpu: Format.percent(row.cpuPercent)
        case .memory: Format.percent(row.memoryPercent)
        case .virtual: row.virtualBytes.map(Format.bytes) ?? "-"
        case .resident: Format.bytes(row.residentBytes)
        case .time: row.cpuSeconds.map(Self.cpuTime) ?? "-"
        case .threads: row.threads.map { String($0) } ?? "-"
        case .io: row.ioBytesPerSecond.map(Format.bytes) ?? "-"
        case .command: row.treePrefix + (commandLines ? row.commandLine ?? row.name : row.name)
        }
    }

    /// htop's TIME+: `12:34.56` (minutes, seconds, hundredths); from 100 hours, `123h45:06`.
    public static func cpuTime(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "-" }
        let hundredths = Int((seconds * 100).rounded(.down))
        let minutes = hundredths / 6000
        let secs = hundredths / 100 % 60
        let frac = hundredths % 100
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        if minutes >= 6000 { return "\(minutes / 60)h" + two(minutes % 60) + ":" + two(secs) }
        return "\(minutes):" + two(secs) + "." + two(frac)
    }

    /// Parses `dashboard.columns`' names (the command is always added: it cannot be hidden).
    public static func parse(_ names: [String]) -> [ProcessColumn] {
        var columns = names.compactMap(ProcessColumn.init(rawValue:))
        if !columns.contains(.command) { columns.append(.command) }
        var seen = Set<ProcessColumn>()
        return columns.filter { seen.insert($0).inserted }
    }
}
