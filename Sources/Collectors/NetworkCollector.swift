import ProcFS
import VitalsCore

/// /proc/net/dev: per-interface byte, packet, error and drop counters.
public struct NetworkCollector: Collector {
    public let name = "network"
    private let procfs: ProcFS
    private var buffer = ReadBuffer(capacity: 4096)

    public init(procfs: ProcFS) {
        self.procfs = procfs
    }

    public mutating func collect(into snapshot: inout Snapshot) throws {
        snapshot.network = try NetworkInterface.parseAll(try procfs.read("net/dev", into: &buffer))
    }
}
