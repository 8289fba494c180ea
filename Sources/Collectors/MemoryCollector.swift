import ProcFS
import VitalsCore

/// /proc/meminfo: every field, in bytes.
public struct MemoryCollector: Collector {
    public let name = "memory"
    private let procfs: ProcFS
    private var buffer = ReadBuffer(capacity: 4096)

    public init(procfs: ProcFS) {
        self.procfs = procfs
    }

    public mutating func collect(into snapshot: inout Snapshot) throws {
        snapshot.memory = try MemoryInfo.parse(try procfs.read("meminfo", into: &buffer))
    }
}
