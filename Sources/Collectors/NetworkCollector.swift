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
    private var attributes: [String: [Double?]] = [:]
    static let attributeFiles = ["mtu", "carrier", "carrier_changes", "tx_queue_len", "flags"]
    /// sysfs file → node_exporter's metric (and whether it counts up).
    static let otherFiles: [(file: String, metric: String, counter: Bool)] = [
        ("addr_assign_type", "node_network_address_assign_type", false), ("carrier_up_count", "node_network_carrier_up_changes_total", true),
        ("carrier_down_count", "node_network_carrier_down_changes_total", true), ("dev_id", "node_network_device_id", false),
        ("dormant", "node_network_dormant", false), ("ifindex", "node_network_iface_id", false), ("iflink", "node_network_iface_link", false),
        ("link_mode", "node_network_iface_link_mode", false), ("name_assign_type", "node_network_name_assign_type", false),
        ("netdev_group", "node_network_net_dev_group", false), ("type", "node_network_protocol_type", false), ("speed", "node_network_speed_bytes", false),
    ]

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
            let values = attributes[name] ?? (Self.attributeFiles + Self.otherFiles.map(\.file)).map { file in
                (try? sysfs.read("class/net/" + name + "/" + file, into: &small)).flatMap(SysfsValue.number)
            }
            attributes[name] = values
            func unsigned(_ v: Double?) -> UInt64? { v.flatMap { $0 >= 0 ? UInt64($0) : nil } }
            list[i].mtu = unsigned(values[0])
            list[i].carrier = unsigned(values[1])
            list[i].carrierChanges = unsigned(values[2])
            list[i].transmitQueueLength = unsigned(values[3])
            list[i].flags = unsigned(values[4])
            list[i].otherAttributes = zip(Self.otherFiles, values.dropFirst(Self.attributeFiles.count)).compactMap { spec, value in
                guard var value else { return nil }
                if spec.file == "speed" {
                    // Served as node_exporter does, -1 (unknown) included, unless the speed is known.
                    guard list[i].speedMegabits == nil else { return nil }
                    value *= 125_000
                }
                return NetworkInterface.Attribute(spec.metric, value, counter: spec.counter)
            }
        }
        snapshot.network = list
    }

    public func carryOver(from previous: Snapshot, into snapshot: inout Snapshot) {
        snapshot.network = previous.network
    }
}
