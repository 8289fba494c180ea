import Glibc
import ProcFS
import VitalsCore

/// node_exporter's netstat, sockstat, filefd and entropy collectors in one: protocol counters
/// from /proc/net/snmp, netstat and snmp6 (node_exporter's default field set), socket use from
/// /proc/net/sockstat{,6}, file handles from /proc/sys/fs/file-nr, and the entropy pool. A file
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
        snapshot.kernel = KernelCounters(entries: entries)
    }

    public func carryOver(from previous: Snapshot, into snapshot: inout Snapshot) {
        snapshot.kernel = previous.kernel
    }
}
