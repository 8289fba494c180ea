/// Everything the dashboard view draws, as plain values: the view never sees the store or /proc.
public struct DashboardModel: Sendable, Equatable {
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
    /// The key bar on the bottom line (htop's F-keys).
    public var keyBar = false
    /// The help's first line shown (it scrolls when it does not fit).
    public var helpOffset = 0
    /// The message log (`L`), a process's environment (`e`) or open files (`l`) over the screen.
    public var overlay: Overlay?
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
