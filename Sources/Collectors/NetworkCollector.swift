import ProcFS
import VitalsCore

/// /proc/net/dev: per-interface counters; link state and speed from sysfs every run, and the
/// other sysfs properties node_exporter serves (MTU, carrier, flags …: for /metrics; they seldom
/// change) every tenth run, carried over in between.
public struct NetworkCollector: Collector {
    public let name = "network"
    private let procfs: ProcFS
    private let sysfs: SysFS
    private var buffer = ReadBuffer(capacity: 4096)
    private var small = ReadBuffer(capacity: 64, limit: 4096)
    private var runs = 0
    /// Each interface's sysfs properties as last read (refreshed every tenth run).
    private var attributes: [String: [NetworkInterface.Attribute]] = [:]
    /// sysfs file → node_exporter's metric (and whether it counts up).
    static let attributeFiles: [(file: String, metric: String, counter: Bool)] = [
        ("mtu", "node_network_mtu_bytes", false), ("carrier", "node_network_carrier", false),
        ("tx_queue_len", "node_network_transmit_queue_length", false), ("flags", "node_network_flags", false),
        ("addr_assign_type", "node_network_address_assign_type", false), ("carrier_up_count", "node_network_carrier_up_changes_total", true),
        ("carrier_down_count", "node_network_carrier_down_changes_total", true), ("dev_id", "node_network_device_id", false),
        ("dormant", "node_network_dormant", false), ("ifindex", "node_network_iface_id", false), ("iflink", "node_network_iface_link", false),
        ("link_mode", "node_network_iface_link_mode", false), ("name_assign_type", "node_network_name_assign_type", false),
        ("netdev_group", "node_network_net_dev_group", false), ("type", "node_network_protocol_type", false), ("speed", "node_network_speed_bytes", false),
        ("carrier_changes", "node_network_carrier_changes_total", true),
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
            if let nohandler = try? sysfs.read(base + "statistics/rx_nohandler", into: &small), let n = SysfsValue.integer(nohandler), n >= 0 {
                list[i].receiveNohandler = UInt64(n)
            }
        }
        if runs % 10 == 0 { attributes = [:] }
        runs += 1
        for i in list.indices {
            let name = list[i].name
            if attributes[name] == nil { attributes[name] = readAttributes(of: list[i]) }
            list[i].attributes = attributes[name] ?? []
        }
        snapshot.network = list
    }

    /// The interface's sysfs properties in node_exporter's units. The speed is served here only
    /// when it is not known (-1 on a virtual link, as node_exporter serves it); a known speed is
    /// read every run and served from `speedMegabits`.
    private mutating func readAttributes(of nic: NetworkInterface) -> [NetworkInterface.Attribute] {
        Self.attributeFiles.compactMap { spec in
            guard var value = (try? sysfs.read("class/net/" + nic.name + "/" + spec.file, into: &small)).flatMap(SysfsValue.number) else { return nil }
            if spec.file == "speed" {
                guard nic.speedMegabits == nil else { return nil }
                value *= 125_000
            }
            return NetworkInterface.Attribute(spec.metric, value, counter: spec.counter)
        }
    }

    public func carryOver(from previous: Snapshot, into snapshot: inout Snapshot) {
        snapshot.network = previous.network
    }
}
