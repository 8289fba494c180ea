/// The five panes, in order of importance (what a small screen keeps first).
public enum PaneID: Int, Sendable, CaseIterable, Comparable {
    case cpu, memory, processes, network, disk

    public static func < (a: PaneID, b: PaneID) -> Bool { a.rawValue < b.rawValue }

    /// The keys 1–5 toggle panes in this order (also the order of `dashboard.panes`).
    public static let keyOrder: [PaneID] = [.cpu, .memory, .disk, .network, .processes]

    /// The name used in the configuration (`dashboard.panes`).
    public var configName: String { title.lowercased() }

    public var title: String {
        switch self {
        case .cpu: "CPU"
        case .memory: "Memory"
        case .disk: "Disk"
        case .network: "Network"
        case .processes: "Processes"
        }
    }
}
