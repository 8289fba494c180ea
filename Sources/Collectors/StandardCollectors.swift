import ContainerRuntime
import ProcFS
import VitalsCore

/// The standard set of collectors and their default intervals.
public enum StandardCollectors {
    /// Collectors whose readings change slowly or cost more run less often than every tick.
    /// Sockets: to produce /proc/net/tcp{,6} the kernel walks its whole connection hash table,
    /// measured at ~5 ms per file on a 24 GiB host with one socket open, so every 30 s.
    public static let defaultIntervals: [String: Duration] = [
        "filesystem": .seconds(5), "sockets": .seconds(30), "sensors": .seconds(2), "kernel": .seconds(5),
    ]

    /// Every collector, reading through the given roots.
    public static func make(
        procfs: ProcFS, sysfs: SysFS, processDetails: ProcessDetailPolicy = .requested(ProcessDetailRequest()),
        ignoredFilesystemTypes: Set<String> = FilesystemCollector.defaultIgnoredTypes, containers: ContainerWatcher? = nil,
        textfileDirectory: String? = nil
    ) -> [any Collector] {
        let standard: [any Collector] = [
            HostCollector(procfs: procfs), CPUCollector(procfs: procfs), LoadCollector(procfs: procfs),
            MemoryCollector(procfs: procfs), VMStatCollector(procfs: procfs), PressureCollector(procfs: procfs),
            SensorsCollector(sysfs: sysfs), DiskCollector(procfs: procfs, sysfs: sysfs), FilesystemCollector(procfs: procfs, ignoredTypes: ignoredFilesystemTypes),
            NetworkCollector(procfs: procfs, sysfs: sysfs), SocketCollector(procfs: procfs),
            ProcessCollector(procfs: procfs, details: processDetails), CgroupCollector(procfs: procfs, sysfs: sysfs),
            KernelCountersCollector(procfs: procfs),
        ]
        return standard + (containers.map { [ContainersCollector(watcher: $0)] } ?? [])
            + (textfileDirectory.map { [TextfileCollector(directory: $0)] } ?? [])
    }
}
