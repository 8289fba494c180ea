/// A time series' identity: a Prometheus metric name and its labels, kept sorted by label name.
public struct SeriesKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// One `name="value"` pair.
    public struct Label: Hashable, Sendable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public let name: String
    public let labels: [Label]

    public init(_ name: String, _ labels: [Label] = []) {
        self.name = name
        self.labels = labels.count > 1 ? labels.sorted { $0.name < $1.name } : labels
    }

    /// Convenience: `SeriesKey("node_cpu_seconds_total", ["cpu": "0", "mode": "idle"])`.
    public init(_ name: String, _ labels: KeyValuePairs<String, String>) {
        self.init(name, labels.map { Label($0.key, $0.value) })
    }

    /// The value of one label, if present.
    public func label(_ name: String) -> String? {
        labels.first { $0.name == name }?.value
    }

    /// Prometheus text form: `name{a="x",b="y"}` with `\`, `"` and newlines escaped.
    public var description: String {
        guard !labels.isEmpty else { return name }
        var out = name + "{"
        for (index, label) in labels.enumerated() {
            if index > 0 { out += "," }
            out += label.name + "=\"" + SeriesKey.escape(label.value) + "\""
        }
        return out + "}"
    }

    public static func < (lhs: SeriesKey, rhs: SeriesKey) -> Bool {
        lhs.description < rhs.description
    }

    /// Escapes a label value as the Prometheus text format requires.
    public static func escape(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 0x5C || $0 == 0x22 || $0 == 0x0A }) else { return value }
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
