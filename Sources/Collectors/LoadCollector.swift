import ProcFS
import VitalsCore

/// /proc/loadavg: load averages and task counts.
public struct LoadCollector: Collector {
    public let name = "load"
    private let procfs: ProcFS
    private var buffer = ReadBuffer(capacity: 256)

    public init(procfs: ProcFS) {
        self.procfs = procfs
    }

    public mutating func collect(into snapshot: inout Snapshot) throws {
        snapshot.load = try LoadAverage.parse(try procfs.read("loadavg", into: &buffer))
    }

    public func carryOver(from previous: Snapshot, into snapshot: inout Snapshot) {
        snapshot.load = previous.load
    }
}
