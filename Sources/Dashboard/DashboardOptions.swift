import AlertDelivery
import Alerting
import Collectors
import ContainerRuntime
import HistoryFile
import Pipeline
import ProcFS
import Rendering
import SeriesStore
import Theming
import VitalsConfig

/// What the dashboard needs to start, already validated (from the configuration's layers).
public struct DashboardOptions: Sendable {
    public var interval: Duration
    public var procfs: ProcFS
    public var sysfs: SysFS
    public var theme: Theme
    /// Ticks of raw history kept per series (one hour at a 1 s interval by default).
    public var historyCapacity: Int
    /// Coarse tiers: bucket width and how many are kept.
    public var tiers: [StoreRetention.Tier] = StoreRetention.standard(interval: 1).tiers
    public var maxSeries = 2000
    /// Where the history file lives, or nil to keep history in memory only (`--no-history-file`).
    public var historyDirectory: String?
    public var sort: ProcessSort = .cpu
    public var processRows = 200
    /// The process table's columns (`dashboard.columns`).
    public var columns: [ProcessColumn] = ProcessColumn.standard
    /// The key bar (`dashboard.key_bar`): nil is automatic (from 20 rows).
    public var keyBar: Bool?
    /// Where F2 saves the columns (in every mode: they are the user's taste, not the host's): the
    /// file read, else where vitals would look first; nil when there is nowhere (no HOME).
    public var configFile: String?
    /// Panes shown at start and the layout preset (nil: by terminal size).
    public var shownPanes: Set<PaneID> = Set(PaneID.allCases)
    public var layoutPreset: DashboardLayout.Mode?
    /// Draw in ASCII only (`dashboard.glyphs`, `--ascii`, or a locale that is not UTF-8).
    public var asciiOnly = false
    /// The CPU graph in braille (`glyphs: braille`, or `auto` in a UTF-8 locale).
    public var braille = false
    /// Mouse reports on (`dashboard.mouse`).
    public var mouse = true
    /// `k` sends no signal (`dashboard.read_only`, `--read-only`).
    public var readOnly = false
    /// Filesystem types left out of the disk pane and the readings.
    public var ignoredFilesystemTypes: Set<String> = FilesystemCollector.defaultIgnoredTypes
    /// Network interfaces left out, by name.
    public var skippedInterfaces: Set<String> = []
    /// The container runtime's sockets to try, in order (`containers.socket`, else the usual places).
    public var containerSockets: [String] = []
    public var textfileDirectory: String?
    /// Collectors switched off, and intervals that differ from every tick.
    public var disabledCollectors: Set<String> = []
    public var collectorIntervals: [String: Duration] = StandardCollectors.defaultIntervals
    /// Colour depth forced by the configuration (nil: ask the terminal).
    /// Alert rules and notifiers (`alerts` section); the shipped defaults when there is no file.
    public var alerts = AlertConfiguration(rules: DefaultAlertRules.rules, notifiers: [])
    public var colorDepth: ColorDepth?
    public var noColor = false

    public init(interval: Duration = .seconds(1), procfs: ProcFS = ProcFS(), sysfs: SysFS = SysFS(), theme: Theme = .default, historyCapacity: Int = 3600) {
        self.interval = interval
        self.procfs = procfs
        self.sysfs = sysfs
        self.theme = theme
        self.historyCapacity = historyCapacity
    }

    /// The store's sizes.
    public var retention: StoreRetention {
        StoreRetention(rawSamples: historyCapacity, tiers: tiers, maxSeries: maxSeries)
    }

    /// Options from an effective configuration. `loadTheme` turns a theme name or path into a theme
    /// (and reports the file's problems, which are not fatal).
    public init(config: Config, environment: [String: String], loadTheme: (String) throws -> Theme) rethrows {
        let interval = config.defaulted.seconds("interval")
        self.init(interval: Self.duration(interval), theme: .default, historyCapacity: max(1, Int((config.defaulted.seconds("history.raw") / interval).rounded(.up))))
        procfs = ProcFS(root: config.defaulted.string("collectors.procfs_root"))
        sysfs = SysFS(root: config.defaulted.string("collectors.sysfs_root"))
        ignoredFilesystemTypes = FilesystemCollector.defaultIgnoredTypes.union(config.list("collectors.skip_filesystem_types"))
        skippedInterfaces = Set(config.list("collectors.skip_interfaces"))
        containerSockets = ContainerSocket.candidates(configured: config.string("containers.socket"), environment: environment)
        textfileDirectory = config.string("collectors.textfile.directory").flatMap { $0.isEmpty ? nil : $0 }
        for name in ConfigSchema.collectorNames {
            if !config.bool("collectors.\(name).enabled") { disabledCollectors.insert(name) }
            collectorIntervals[name] = config.seconds("collectors.\(name).interval").map(Self.duration)
        }
        tiers = [
            StoreRetention.Tier(width: 60, buckets: max(1, Int(config.defaulted.seconds("history.one_minute") / 60))),
            StoreRetention.Tier(width: 900, buckets: max(1, Int(config.defaulted.seconds("history.fifteen_minutes") / 900))),
        ]
        maxSeries = config.defaulted.int("history.max_series")
        historyDirectory = config.bool("history.persist")
            ? HistoryDirectory.resolve(explicit: config.string("history.directory"), environment: environment) : nil
        sort = ProcessSort(rawValue: config.defaulted.string("dashboard.sort")) ?? .cpu
        processRows = config.defaulted.int("dashboard.process_rows")
        columns = ProcessColumn.parse(config.list("dashboard.columns"))
        keyBar = switch config.string("dashboard.key_bar") {
        case "on": true
        case "off": false
        default: nil
        }
        configFile = config.filePath ?? ConfigLoader.defaultPath(environment: environment)
        let panes = Set(config.list("dashboard.panes").compactMap { name in PaneID.allCases.first { $0.configName == name } })
        shownPanes = panes.isEmpty ? Set(PaneID.allCases) : panes
        layoutPreset = config.string("dashboard.layout").flatMap(DashboardLayout.Mode.init(rawValue:))
        readOnly = config.bool("dashboard.read_only")
        alerts = AlertConfiguration(config: config)
        mouse = config.bool("dashboard.mouse")
        switch config.string("dashboard.glyphs") {
        case "ascii": asciiOnly = true
        case "blocks": break
        case "braille": braille = true
        default:
            asciiOnly = !Self.localeIsUTF8(environment)
            braille = !asciiOnly
        }
        switch config.string("dashboard.colors") {
        case "none": noColor = true
        case "truecolor": colorDepth = .truecolor
        case "256": colorDepth = .palette256
        case "16": colorDepth = .ansi16
        case "8": colorDepth = .ansi8
        default: break
        }
        theme = try loadTheme(config.defaulted.string("dashboard.theme"))
    }

    /// What the C library would choose: LC_ALL, else LC_CTYPE, else LANG; unset is the C locale.
    static func localeIsUTF8(_ environment: [String: String]) -> Bool {
        let name = [environment["LC_ALL"], environment["LC_CTYPE"], environment["LANG"]].compactMap { $0 }.first { !$0.isEmpty } ?? "C"
        let lower = name.lowercased()
        return lower.contains("utf-8") || lower.contains("utf8")
    }

    static func duration(_ seconds: Double) -> Duration {
        .milliseconds(Int64((seconds * 1000).rounded()))
    }
}

extension DashboardOptions {
    /// What collecting needs, for the pipeline (command lines and I/O for the rows in `details`).
    func collectionSettings(details: ProcessDetailRequest) -> CollectionSettings {
        var settings = CollectionSettings(
            procfs: procfs, sysfs: sysfs, interval: interval, ignoredFilesystemTypes: ignoredFilesystemTypes, skippedInterfaces: skippedInterfaces,
            disabledCollectors: disabledCollectors, collectorIntervals: collectorIntervals, processDetails: .requested(details)
        )
        settings.containerSockets = containerSockets
        settings.textfileDirectory = textfileDirectory
        return settings
    }
}
