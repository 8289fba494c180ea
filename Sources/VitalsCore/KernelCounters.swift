/// Kernel-wide counters node_exporter serves and the dashboard does not draw: network protocol
/// statistics (netstat), socket use (sockstat), file handles, entropy, softnet, conntrack, ARP and
/// the time zone. Each is a list of
/// (node_exporter metric name, value), already filtered to node_exporter's default set.
public struct KernelCounters: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var value: Double
        /// Only grows (exported untyped, as node_exporter does, since the names lack `_total`).
        public var isCounter: Bool
        /// node_exporter's labels for the few that have them (`cpu` for softnet, `device` for arp).
        public var labels: [SeriesKey.Label]

        public init(_ name: String, _ value: Double, counter: Bool, labels: [SeriesKey.Label] = []) {
            self.name = name
            self.value = value
            isCounter = counter
            self.labels = labels
        }
    }

    public var entries: [Entry] = []

    public init(entries: [Entry] = []) {
        self.entries = entries
    }
}
