/// An alert's identity: its labels (alertname, severity, the rule's own labels and the series'),
/// sorted by name; with a stable fingerprint (FNV-1a, 64 bits, as hex).
public struct AlertLabels: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let pairs: [(name: String, value: String)]

    public init(_ dictionary: [String: String]) {
        pairs = dictionary.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
    }

    public subscript(_ name: String) -> String? { pairs.first { $0.name == name }?.value }

    public var dictionary: [String: String] {
        Dictionary(uniqueKeysWithValues: pairs.map { ($0.name, $0.value) })
    }

    /// `alertname="x",device="sda"` order-stable text (also the database's key).
    public var description: String {
        pairs.map { "\($0.name)=\"\($0.value)\"" }.joined(separator: ",")
    }

    /// The labels other than alertname and severity, for display: `device=sda mountpoint=/`.
    public var detail: String {
        pairs.filter { $0.name != "alertname" && $0.name != "severity" }.map { "\($0.name)=\($0.value)" }.joined(separator: " ")
    }

    public var fingerprint: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for pair in pairs {
            for byte in pair.name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            hash = (hash ^ 0xFF) &* 0x100_0000_01b3
            for byte in pair.value.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            hash = (hash ^ 0xFE) &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    public static func == (lhs: AlertLabels, rhs: AlertLabels) -> Bool {
        lhs.pairs.elementsEqual(rhs.pairs) { $0.name == $1.name && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for pair in pairs {
            hasher.combine(pair.name)
            hasher.combine(pair.value)
        }
    }

    public static func < (lhs: AlertLabels, rhs: AlertLabels) -> Bool { lhs.description < rhs.description }
}
