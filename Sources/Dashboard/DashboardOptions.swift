import Collectors
import ProcFS
import Rendering
import Theming

/// What the dashboard needs to start, already validated by the command line.
public struct DashboardOptions: Sendable {
    public var interval: Duration
    public var procfs: ProcFS
    public var sysfs: SysFS
    public var theme: Theme
    /// Ticks of history kept per series (one hour at a 1 s interval by default).
    public var historyCapacity: Int
    public var sort: ProcessSort = .cpu
    /// Filesystem types left out of the disk pane and the readings.
    public var ignoredFilesystemTypes: Set<String> = FilesystemCollector.defaultIgnoredTypes

    public init(interval: Duration = .seconds(1), procfs: ProcFS = ProcFS(), sysfs: SysFS = SysFS(), theme: Theme = .default, historyCapacity: Int = 3600) {
        self.interval = interval
        self.procfs = procfs
        self.sysfs = sysfs
        self.theme = theme
        self.historyCapacity = historyCapacity
    }
}
