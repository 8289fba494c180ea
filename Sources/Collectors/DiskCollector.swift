import ProcFS
import VitalsCore

/// /proc/diskstats: per-device I/O counters. Whole disks are told from partitions by /sys/block;
/// device-mapper devices get their names from sysfs.
public struct DiskCollector: Collector {
    public let name = "disk"
    private let procfs: ProcFS
    private let sysfs: SysFS
    private var buffer = ReadBuffer(capacity: 4096)
    private var wholeDisks: Set<String> = []
    private var mapperNames: [String: String] = [:]
    private var ticksUntilRescan = 0

    /// Seconds' worth of ticks between rescans of /sys/block (devices are rarely hot-plugged).
    static let rescanEvery = 30

    public init(procfs: ProcFS, sysfs: SysFS) {
        self.procfs = procfs
        self.sysfs = sysfs
    }

    public mutating func collect(into snapshot: inout Snapshot) throws {
        var disks = try DiskIO.parseAll(try procfs.read("diskstats", into: &buffer))
        if ticksUntilRescan <= 0 {
            wholeDisks = sysfs.blockDevices()
            mapperNames = readMapperNames()
            ticksUntilRescan = Self.rescanEvery
        }
        ticksUntilRescan -= 1
        disks.removeAll { Self.isIgnored($0.name) }
        for i in disks.indices {
            // Without a readable /sys/block, treat every device as a disk rather than hide them all.
            disks[i].isWholeDisk = wholeDisks.isEmpty || wholeDisks.contains(disks[i].name)
            disks[i].mapperName = mapperNames[disks[i].name]
        }
        snapshot.disks = disks
    }

    /// `dm-N` → its device-mapper name (`vg0-root`, `luks-…`) from `block/dm-N/dm/name`.
    private mutating func readMapperNames() -> [String: String] {
        var names: [String: String] = [:]
        for device in wholeDisks where device.hasPrefix("dm-") {
            if let bytes = try? sysfs.read("block/\(device)/dm/name", into: &buffer) {
                let name = SysfsValue.text(bytes)
                if !name.isEmpty { names[device] = name }
            }
        }
        return names
    }

    /// node_exporter's default exclusions: RAM disks, loop devices and floppies carry no disk I/O.
    static func isIgnored(_ name: String) -> Bool {
        for prefix in ["loop", "ram", "zram", "fd"] where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            if !rest.isEmpty, rest.allSatisfy(\.isNumber) { return true }
        }
        return false
    }

    public func carryOver(from previous: Snapshot, into snapshot: inout Snapshot) {
        snapshot.disks = previous.disks
    }
}
