import ProcFS
import VitalsCore

/// /proc/stat: per-mode CPU times for the machine and each core, context switches, boot time.
public struct CPUCollector: Collector {
    public let name = "cpu"
    private let procfs: ProcFS
    private var buffer = ReadBuffer()

    public init(procfs: ProcFS) {
        self.procfs = procfs
    }

    public mutating func collect(into snapshot: inout Snapshot) throws {
        snapshot.cpu = CPUReading(stat: try CPUStat.parse(try procfs.read("stat", into: &buffer)))
    }

    public func carryOver(from previous: Snapshot, into snapshot: inout Snapshot) {
        snapshot.cpu = previous.cpu
    }
}
