import ProcFS
import VitalsCore

/// /proc/net/dev: per-interface counters; link state and speed from sysfs every run, and MTU,
/// carrier, carrier changes, queue length and flags (for /metrics; they seldom change) every
/// tenth run, carried over in between.
public struct NetworkCollector: Collector {
    public let name = "network"
    private let procfs: ProcFS
    private let sysfs: SysFS
    private var buffer = ReadBuffer(capacity: 4096)
    private var small = ReadBuffer(capacity: 64, limit: 4096)
    private var runs = 0
    private var attributes: [String: [UInt64?]] = [:]
    static let attributeFiles = ["mtu", "carrier", "carrier_changes", "tx_queue_len", "flags"]

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
        if runs % 10 == 0 { attributes = [:] }
        runs += 1
        for i in list.indices {
            let name = list[i].name
            let values = attributes[name] ?? Self.attributeFiles.map { file in
                (try? sysfs.read("class/net/" + name + "/" + file, into: &small)).flatMap(SysfsValue.unsigned)
            }
            attributes[name] = values
            list[i].mtu = values[0]
            list[i].carrier = values[1]
            list[i].carrierChanges = values[2]
            list[i].transmitQueueLength = values[3]
            list[i].flags = values[4]
        }
        snapshot.network = list
    }

    public func carryOver(from previous: Snapshot, into snapshot: inout Snapshot) {
        snapshot.network = previous.network
    }
}
