import Collectors
import ContainerRuntime
import Dashboard
import Glibc
import VitalsCore

/// One reading of the host as the commands that are not the dashboard take it: the configured
/// collectors through the configured roots, collected twice `gap` apart so rates have two samples
/// (`vitals snapshot`, and `vitals config check`'s list of what this host records).
enum TwoCollections {
    static func snapshot(_ options: DashboardOptions, details: ProcessDetailPolicy, gap: useconds_t) -> Snapshot {
        // The runtime's containers: the watcher's first answer (or its failure), waited for
        // within its deadline, before the second collection.
        let watcher = options.containerSockets.isEmpty || options.disabledCollectors.contains("containers")
            ? nil : ContainerWatcher(candidates: options.containerSockets)
        watcher?.start()
        defer { watcher?.stop() }
        let registry = CollectorRegistry(
            collectors: StandardCollectors.make(
                procfs: options.procfs, sysfs: options.sysfs, processDetails: details, ignoredFilesystemTypes: options.ignoredFilesystemTypes,
                containers: watcher, textfileDirectory: options.textfileDirectory
            ).filter { !options.disabledCollectors.contains($0.name) },
            intervals: [:], clock: ContinuousClock()
        )
        watcher?.waitForFirstAnswer(seconds: 3)
        _ = registry.collect()
        usleep(gap)
        return registry.collect()
    }
}
