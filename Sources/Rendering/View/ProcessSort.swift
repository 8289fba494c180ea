/// What the process table is ordered by (most first).
public enum ProcessSort: String, Sendable, CaseIterable {
    case cpu
    case memory
    case io

    /// How the pane's title names it.
    public var label: String {
        switch self {
        case .cpu: "CPU"
        case .memory: "memory"
        case .io: "I/O"
        }
    }
}
