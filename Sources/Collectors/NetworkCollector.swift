import ProcFS
import VitalsCore

/// /proc/net/dev: per-interface byte, packet, error and drop counters; link state and speed from sysfs.
public struct NetworkCollector: Collector {
    public let name = "network"
    private let procfs: ProcFS
    private let sysfs: SysFS
    private var buffer = ReadBuffer(capacity: 4096)
    private var small = ReadBuffer(capacity: 64, limit: 4096)

    public init(procfs: ProcFS, sysfs: SysFS) {
        self.procfs = procfs
        self.sysfs = sysfs
    }

    public mutating func collect(into snapshot: inout Snapshot) throws {
        var list = try NetworkInterface.parseAll(try procfs.read("net/dev", into: &buffer))
        for i in list.indices {
            let base = "class/net/" + list[i].name + "/"
            if let state = try? sysfs.read(base + "operstate", into: &small) { list[i].operState = SysfsValue.text(state) }
            // Reading speed fails with EINVAL on a link that is down or has no speed (virtual): nil.
            if let speed = try? sysfs.read(base + "speed", into: &small), let mbps = SysfsValue.integer(speed), mbps > 0 {
                list[i].speedMegabits = Int(mbps)
            }
        }
        snapshot.network = list
    }

    public func carryOver(from previous: Snapshot, into snapshot: inout Snapshot) {
        snapshot.network = previous.network
    }
}
