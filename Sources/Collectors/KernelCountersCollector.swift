import Glibc
import ProcFS
import VitalsCore

/// node_exporter's netstat, sockstat, filefd and entropy collectors in one: protocol counters
/// from /proc/net/snmp, netstat and snmp6 (node_exporter's default field set), socket use from
/// /proc/net/sockstat{,6}, file handles from /proc/sys/fs/file-nr, the entropy pool, softnet
/// (per CPU), conntrack (when loaded), ARP entries per device, the time zone's offset, and the
/// clock's discipline (timex). A file
/// the kernel lacks (snmp6 without IPv6) is left out; a malformed one fails the collector.
public struct KernelCountersCollector: Collector {
    public let name = "kernel"
    private let procfs: ProcFS
    private var buffer = ReadBuffer(capacity: 16 * 1024, limit: 4 * 1024 * 1024)
    private let pageSize = Double(sysconf(Int32(_SC_PAGESIZE)))

    public init(procfs: ProcFS) {
        self.procfs = procfs
    }

    public mutating func collect(into snapshot: inout Snapshot) throws {
        var entries: [KernelCounters.Entry] = []
        var netstat = try KernelCounters.parseHeaderValuePairs(try procfs.read("net/snmp", into: &buffer), file: "/proc/net/snmp")
        if let bytes = try? procfs.read("net/netstat", into: &buffer) {
            netstat += try KernelCounters.parseHeaderValuePairs(bytes, file: "/proc/net/netstat")
        }
        if let bytes = try? procfs.read("net/snmp6", into: &buffer) { netstat += try KernelCounters.parseSNMP6(bytes) }
        for (name, value) in netstat where KernelCounters.netstatFieldWanted(name) {
            let gauge = name == "Tcp_CurrEstab" || name == "Ip_Forwarding"
            entries.append(.init("node_netstat_" + name, value, counter: !gauge))
        }
        for file in ["net/sockstat", "net/sockstat6"] {
            guard let bytes = try? procfs.read(file, into: &buffer) else { continue }
            for (name, value) in try KernelCounters.parseSockstat(bytes, file: "/proc/" + file, pageSize: pageSize) {
                entries.append(.init(name, value, counter: false))
            }
        }
        if let bytes = try? procfs.read("sys/fs/file-nr", into: &buffer) {
            let handles = try KernelCounters.parseFileNr(bytes)
            entries.append(.init("node_filefd_allocated", handles.allocated, counter: false))
            entries.append(.init("node_filefd_maximum", handles.maximum, counter: false))
        }
        if let bytes = try? procfs.read("sys/kernel/random/entropy_avail", into: &buffer) {
            entries.append(.init("node_entropy_available_bits", try KernelCounters.parseNumber(bytes, file: "/proc/sys/kernel/random/entropy_avail"), counter: false))
        }
        if let bytes = try? procfs.read("sys/kernel/random/poolsize", into: &buffer) {
            entries.append(.init("node_entropy_pool_size_bits", try KernelCounters.parseNumber(bytes, file: "/proc/sys/kernel/random/poolsize"), counter: false))
        }
        if let bytes = try? procfs.read("net/softnet_stat", into: &buffer) {
            for (cpu, row) in try KernelCounters.parseSoftnet(bytes).enumerated() {
                let labels = [SeriesKey.Label("cpu", String(cpu))]
                entries.append(.init("node_softnet_processed_total", row.processed, counter: true, labels: labels))
                entries.append(.init("node_softnet_dropped_total", row.dropped, counter: true, labels: labels))
                entries.append(.init("node_softnet_times_squeezed_total", row.squeezed, counter: true, labels: labels))
            }
        }
        // Present only with the nf_conntrack module loaded.
        if let count = try? procfs.read("sys/net/netfilter/nf_conntrack_count", into: &buffer) {
            entries.append(.init("node_nf_conntrack_entries", try KernelCounters.parseNumber(count, file: "/proc/sys/net/netfilter/nf_conntrack_count"), counter: false))
            if let max = try? procfs.read("sys/net/netfilter/nf_conntrack_max", into: &buffer) {
                entries.append(.init("node_nf_conntrack_entries_limit", try KernelCounters.parseNumber(max, file: "/proc/sys/net/netfilter/nf_conntrack_max"), counter: false))
            }
        }
        if let bytes = try? procfs.read("net/stat/nf_conntrack", into: &buffer) {
            let wanted: Set = ["found", "invalid", "ignore", "insert", "insert_failed", "drop", "early_drop", "search_restart"]
            for (name, sum) in try KernelCounters.parseConntrackStat(bytes) where wanted.contains(name) {
                entries.append(.init("node_nf_conntrack_stat_" + name, sum, counter: false))
            }
        }
        if let bytes = try? procfs.read("net/arp", into: &buffer) {
            for (device, count) in try KernelCounters.parseARP(bytes) {
                entries.append(.init("node_arp_entries", count, counter: false, labels: [SeriesKey.Label("device", device)]))
            }
        }
        entries.append(Self.timeZone())
        entries += TimexProbe.read()
        snapshot.kernel = KernelCounters(entries: entries)
    }

    /// node_time_zone_offset_seconds{time_zone}: the local zone's offset from UTC now.
    static func timeZone() -> KernelCounters.Entry {
        var now = time(nil)
        var local = tm()
        localtime_r(&now, &local)
        let zone = local.tm_zone.map { String(cString: $0) } ?? "UTC"
        return .init("node_time_zone_offset_seconds", Double(local.tm_gmtoff), counter: false, labels: [SeriesKey.Label("time_zone", zone)])
    }

    public func carryOver(from previous: Snapshot, into snapshot: inout Snapshot) {
        snapshot.kernel = previous.kernel
    }
}
