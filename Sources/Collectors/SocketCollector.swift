import ProcFS
import VitalsCore

/// TCP sockets by state (/proc/net/tcp and tcp6) and UDP sockets in use (/proc/net/sockstat{,6}).
/// Producing the TCP tables costs the kernel a walk of its whole connection hash table (~5 ms per
/// file measured on a 24 GiB host), so this collector runs every 30 s by default.
public struct SocketCollector: Collector {
    public let name = "sockets"
    private let procfs: ProcFS
    private var buffer = ReadBuffer(capacity: 64 * 1024, limit: 256 * 1024 * 1024)

    public init(procfs: ProcFS) {
        self.procfs = procfs
    }

    public mutating func collect(into snapshot: inout Snapshot) throws {
        var summary = SocketSummary()
        try SocketTables.countTCPStates(try procfs.read("net/tcp", into: &buffer), into: &summary.tcpStates)
        // IPv6 may be disabled: a missing tcp6 table is normal.
        if let v6 = try? procfs.read("net/tcp6", into: &buffer) {
            try SocketTables.countTCPStates(v6, into: &summary.tcpStates)
        }
        if let udp = try? procfs.read("net/udp", into: &buffer) { summary.udpQueues = try SocketTables.udpQueues(udp) }
        if let udp6 = try? procfs.read("net/udp6", into: &buffer) { summary.udp6Queues = try SocketTables.udpQueues(udp6) }
        if let stat = try? procfs.read("net/sockstat", into: &buffer) { summary.udpInUse = SocketTables.udpInUse(stat, label: "UDP:") }
        if let stat = try? procfs.read("net/sockstat6", into: &buffer) { summary.udp6InUse = SocketTables.udpInUse(stat, label: "UDP6:") }
        snapshot.sockets = summary
    }

    public func carryOver(from previous: Snapshot, into snapshot: inout Snapshot) {
        snapshot.sockets = previous.sockets
    }
}
