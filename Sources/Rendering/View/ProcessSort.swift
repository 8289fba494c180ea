/// What the process table is ordered by: numbers most first, names alphabetically, pids ascending
/// (`I` reverses any of them).
public enum ProcessSort: String, Sendable, CaseIterable {
    case cpu
    case memory
    case io
    case time
    case virtual
    case threads
    case nice
    case pid
    case name
    case user

    /// How the pane's title names it.
    public var label: String {
        switch self {
        case .cpu: "CPU"
        case .memory: "memory"
        case .io: "I/O"
        case .time: "CPU time"
        case .virtual: "virtual memory"
        case .threads: "threads"
        case .nice: "nice"
        case .pid: "PID"
        case .name: "name"
        case .user: "user"
        }
    }

    /// `>`: the next order; `<`: the previous one (wrapping).
    public var next: ProcessSort { Self.allCases[(Self.allCases.firstIndex(of: self)! + 1) % Self.allCases.count] }
    public var previous: ProcessSort {
        Self.allCases[(Self.allCases.firstIndex(of: self)! + Self.allCases.count - 1) % Self.allCases.count]
    }
}
