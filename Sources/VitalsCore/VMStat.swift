/// The counters vitals keeps from /proc/vmstat (node_exporter's default set), and rates derived
/// from the previous reading.
public struct VMStat: Sendable, Equatable {
    /// The fields kept, under their /proc/vmstat names.
    public static let keptFields = ["pgpgin", "pgpgout", "pswpin", "pswpout", "pgfault", "pgmajfault", "oom_kill"]

    /// `(name, value)` for each kept field present in the file, in `keptFields` order.
    public var fields: [(name: String, value: UInt64)]

    /// Pages swapped in and out per second, and major page faults per second.
    public var swapInPagesPerSecond: Double?
    public var swapOutPagesPerSecond: Double?
    public var majorFaultsPerSecond: Double?

    public init(fields: [(name: String, value: UInt64)]) {
        self.fields = fields
    }

    public subscript(_ name: String) -> UInt64? {
        fields.first { $0.name == name }?.value
    }

    public static func == (a: VMStat, b: VMStat) -> Bool {
        a.fields.elementsEqual(b.fields) { $0.name == $1.name && $0.value == $1.value }
            && a.swapInPagesPerSecond == b.swapInPagesPerSecond && a.swapOutPagesPerSecond == b.swapOutPagesPerSecond
            && a.majorFaultsPerSecond == b.majorFaultsPerSecond
    }
}
