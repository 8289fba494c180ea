import Collectors
import ProcFS
import Rendering
import SeriesStore
import Theming

/// What the dashboard needs to start, already validated by the command line.
public struct DashboardOptions: Sendable {
    public var interval: Duration
    public var procfs: ProcFS
    public var sysfs: SysFS
    public var theme: Theme
    /// Ticks of raw history kept per series (one hour at a 1 s interval by default); the coarse
    /// tiers are `StoreRetention.standard`'s.
    public var historyCapacity: Int
    /// Where the history file lives, or nil to keep history in memory only (`--no-history-file`).
    public var historyDirectory: String?
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

    /// The store's sizes: `historyCapacity` raw ticks, then the standard coarse tiers.
    public var retention: StoreRetention {
        var r = StoreRetention.standard(interval: 1)
        r.rawSamples = historyCapacity
        return r
    }
}
