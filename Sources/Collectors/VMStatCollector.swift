import ProcFS
import VitalsCore

/// /proc/vmstat: paging, swapping and fault counters (swap in/out and major faults per second).
public struct VMStatCollector: Collector {
    public let name = "vmstat"
    private let procfs: ProcFS
    private var buffer = ReadBuffer(capacity: 8192)

    public init(procfs: ProcFS) {
        self.procfs = procfs
    }

    public mutating func collect(into snapshot: inout Snapshot) throws {
        snapshot.vmstat = try VMStat.parse(try procfs.read("vmstat", into: &buffer))
    }

    public func carryOver(from previous: Snapshot, into snapshot: inout Snapshot) {
        snapshot.vmstat = previous.vmstat
    }
}
