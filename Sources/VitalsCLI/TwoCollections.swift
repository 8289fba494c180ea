import Collectors
import Dashboard
import Glibc
import VitalsCore

/// One reading of the host as the commands that are not the dashboard take it: the configured
/// collectors through the configured roots, collected twice `gap` apart so rates have two samples
/// (`vitals snapshot`, and `vitals config check`'s list of what this host records).
enum TwoCollections {
    static func snapshot(_ options: DashboardOptions, details: ProcessDetailPolicy, gap: useconds_t) -> Snapshot {
        let registry = CollectorRegistry(
            collectors: StandardCollectors.make(
                procfs: options.procfs, sysfs: options.sysfs, processDetails: details, ignoredFilesystemTypes: options.ignoredFilesystemTypes
            ).filter { !options.disabledCollectors.contains($0.name) },
            intervals: [:], clock: ContinuousClock()
        )
        _ = registry.collect()
        usleep(gap)
        return registry.collect()
    }
}
