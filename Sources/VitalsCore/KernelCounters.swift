/// Kernel-wide counters node_exporter serves and the dashboard does not draw: network protocol
/// statistics (netstat), socket use (sockstat), file handles and entropy. Each is a list of
/// (node_exporter metric name, value), already filtered to node_exporter's default set.
public struct KernelCounters: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var value: Double
        /// Only grows (exported untyped, as node_exporter does, since the names lack `_total`).
        public var isCounter: Bool

        public init(_ name: String, _ value: Double, counter: Bool) {
            self.name = name
            self.value = value
            isCounter = counter
        }
    }

    public var entries: [Entry] = []

    public init(entries: [Entry] = []) {
        self.entries = entries
    }
}
