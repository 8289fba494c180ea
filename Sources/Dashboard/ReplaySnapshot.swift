import SeriesStore
import VitalsCore

/// `vitals replay` and `vitals attach` have no live system here: the panes take their shape (cores,
/// memory, disks, interfaces) from the series the store holds (a recording, or what the remote
/// agent sent), and every figure comes from the store at the cursor (`PastModel`).
enum ReplaySnapshot {
    static func skeleton(store: SeriesStore, at time: Double, host: String) -> Snapshot {
        var s = Snapshot(time: time, host: HostInfo(hostname: host))
        // Uptime from its own series: a boot time held as Float is 64 s out.
        s.host.uptimeSeconds = store.latest(SeriesKey("vitals_uptime_seconds"))
        // "vitals CPU RSS" in the status line: what the recording's (or the remote agent's) own process cost.
        s.host.selfCPUPercent = store.latest(SeriesKey("vitals_self_cpu_percent"))
        s.host.selfResidentBytes = store.latest(SeriesKey("process_resident_memory_bytes")).map { UInt64(max(0, $0)) }
        let cores = store.keys(named: "vitals_cpu_core_utilization_ratio").compactMap { key in
            key.labels.first { $0.name == "cpu" }.flatMap { Int($0.value) }
        }.sorted()
        var stat = CPUStat()
        stat.cores = cores.map { CPUStat.Core(id: $0, times: CPUTimes()) }
        s.cpu = CPUReading(stat: stat, coreBusy: cores.map { _ in nil })
        if !store.keys(named: "node_memory_MemTotal_bytes").isEmpty {
            s.memory = MemoryInfo(fields: [("MemTotal", 0), ("MemAvailable", 0)])
        }
        s.disks = devices(store, "vitals_disk_read_bytes_per_second").map { name in
            DiskIO(name: name, major: 0, minor: 0, readsCompleted: 1, sectorsRead: 0, writesCompleted: 0, sectorsWritten: 0, ioMilliseconds: 0)
        }
        s.network = devices(store, "vitals_network_receive_bytes_per_second").map { name in
            NetworkInterface(name: name, receiveBytes: 1, receivePackets: 0, receiveErrors: 0, receiveDrops: 0,
                             transmitBytes: 0, transmitPackets: 0, transmitErrors: 0, transmitDrops: 0)
        }
        s.processes = []
        return s
    }

    private static func devices(_ store: SeriesStore, _ name: String) -> [String] {
        Set(store.keys(named: name).compactMap { $0.labels.first { $0.name == "device" }?.value }).sorted()
    }
}
