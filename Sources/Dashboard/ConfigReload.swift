/// Re-reads the configuration: the new options, or every problem found (one line each).
public typealias ConfigReloader = @Sendable () -> Result<DashboardOptions, ConfigReloadFailure>

public struct ConfigReloadFailure: Error, Sendable {
    public var problems: [String]
    public init(problems: [String]) { self.problems = problems }
}

/// What `R` does: load, keep the running options when the file is invalid, and say what happened.
final class ConfigReload {
    private let load: ConfigReloader
    private var running: DashboardOptions
    /// For the status line: the last reload's outcome.
    private(set) var notice: String?

    init(reload: @escaping ConfigReloader, running: DashboardOptions) {
        load = reload
        self.running = running
    }

    /// The options now in effect, or nil when the reload failed (the running ones stay).
    func run() -> DashboardOptions? {
        switch load() {
        case let .failure(failure):
            let count = failure.problems.count
            notice = "config not reloaded, \(count) problem\(count == 1 ? "" : "s"): " + (failure.problems.first ?? "")
            return nil
        case let .success(options):
            let later = Self.restartOnly(options, running)
            var applied = options
            // Settings that only apply at start keep their running values until then.
            applied.procfs = running.procfs
            applied.sysfs = running.sysfs
            running = applied
            notice = later.isEmpty ? "config reloaded" : "config reloaded; at next start: " + later.joined(separator: ", ")
            return applied
        }
    }

    /// Which start-only settings changed (shown, not applied).
    static func restartOnly(_ new: DashboardOptions, _ old: DashboardOptions) -> [String] {
        var out: [String] = []
        if new.procfs.root != old.procfs.root || new.sysfs.root != old.sysfs.root { out.append("collector roots") }
        // The raw ring holds `history.raw` worth of ticks: a new interval alone changes its count,
        // not the history asked for.
        func rawSeconds(_ o: DashboardOptions) -> Double { (Double(o.historyCapacity) * DashboardApp.seconds(o.interval)).rounded() }
        if new.historyDirectory != old.historyDirectory || new.tiers != old.tiers || new.maxSeries != old.maxSeries || rawSeconds(new) != rawSeconds(old) {
            out.append("history")
        }
        if new.disabledCollectors != old.disabledCollectors || new.collectorIntervals != old.collectorIntervals
            || new.ignoredFilesystemTypes != old.ignoredFilesystemTypes {
            out.append("collectors")
        }
        if new.colorDepth != old.colorDepth || new.noColor != old.noColor { out.append("colors") }
        return out
    }
}
