import ProcFS
import VitalsCore

/// /proc/meminfo: every field, in bytes; plus the ZFS ARC size when ZFS is loaded.
public struct MemoryCollector: Collector {
    public let name = "memory"
    private let procfs: ProcFS
    private var buffer = ReadBuffer(capacity: 4096)

    public init(procfs: ProcFS) {
        self.procfs = procfs
    }

    public mutating func collect(into snapshot: inout Snapshot) throws {
        var memory = try MemoryInfo.parse(try procfs.read("meminfo", into: &buffer))
        // ZFS keeps its cache (the ARC) outside the page cache; without ZFS the file does not exist.
        if let arc = try? procfs.read("spl/kstat/zfs/arcstats", into: &buffer) {
            memory.zfsARCBytes = CgroupFiles.zfsARCSize(arc)
        }
        snapshot.memory = memory
    }

    public func carryOver(from previous: Snapshot, into snapshot: inout Snapshot) {
        snapshot.memory = previous.memory
    }
}
