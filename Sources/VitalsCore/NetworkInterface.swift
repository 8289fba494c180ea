/// One interface's counters from /proc/net/dev, and rates derived from the previous tick.
public struct NetworkInterface: Sendable, Equatable {
    public var name: String
    public var receiveBytes: UInt64
    public var receivePackets: UInt64
    public var receiveErrors: UInt64
    public var receiveDrops: UInt64
    public var transmitBytes: UInt64
    public var transmitPackets: UInt64
    public var transmitErrors: UInt64
    public var transmitDrops: UInt64

    /// The other /proc/net/dev columns: receive fifo, frame, compressed, multicast; transmit fifo,
    /// colls, carrier, compressed (see `otherCounterNames`).
    public var otherCounters: [UInt64] = []
    public static let otherCounterNames = [
        "receive_fifo", "receive_frame", "receive_compressed", "receive_multicast",
        "transmit_fifo", "transmit_colls", "transmit_carrier", "transmit_compressed",
    ]
    /// Packets received and dropped for want of a protocol handler (sysfs
    /// `statistics/rx_nohandler`, which /proc/net/dev lacks), read every tick; nil without the file.
    public var receiveNohandler: UInt64?
    /// node_exporter's sysfs properties of the interface (mtu, carrier, flags, iface_id …), by
    /// metric name (see NetworkCollector.attributeFiles).
    public var attributes: [Attribute] = []

    /// The value of the property served as `metric`, if the interface has it.
    public func attribute(_ metric: String) -> Double? {
        attributes.first { $0.name == metric }?.value
    }

    public struct Attribute: Sendable, Equatable {
        public var name: String
        public var value: Double
        public var isCounter: Bool

        public init(_ name: String, _ value: Double, counter: Bool = false) {
            self.name = name
            self.value = value
            isCounter = counter
        }
    }

    /// `up`, `down`, `unknown` … from sysfs operstate; nil when sysfs has no entry.
    public var operState: String?
    /// Link speed in megabits per second; nil when the driver does not report one (virtual links).
    public var speedMegabits: Int?

    public var receiveBytesPerSecond: Double?
    public var transmitBytesPerSecond: Double?
    public var receivePacketsPerSecond: Double?
    public var transmitPacketsPerSecond: Double?
    public var receiveErrorsPerSecond: Double?
    public var transmitErrorsPerSecond: Double?
    public var receiveDropsPerSecond: Double?
    public var transmitDropsPerSecond: Double?

    public init(
        name: String, receiveBytes: UInt64, receivePackets: UInt64, receiveErrors: UInt64, receiveDrops: UInt64,
        transmitBytes: UInt64, transmitPackets: UInt64, transmitErrors: UInt64, transmitDrops: UInt64
    ) {
        self.name = name
        self.receiveBytes = receiveBytes
        self.receivePackets = receivePackets
        self.receiveErrors = receiveErrors
        self.receiveDrops = receiveDrops
        self.transmitBytes = transmitBytes
        self.transmitPackets = transmitPackets
        self.transmitErrors = transmitErrors
        self.transmitDrops = transmitDrops
    }

    public var isLoopback: Bool { name == "lo" }
}
