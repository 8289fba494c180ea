import VitalsCore

/// A label condition in a series query: `device="sda"` or `device!="lo"`.
public struct LabelMatcher: Sendable, Equatable {
    public enum Operator: String, Sendable {
        case equal = "="
        case notEqual = "!="
    }

    public var name: String
    public var op: Operator
    public var value: String

    public init(_ name: String, _ op: Operator, _ value: String) {
        self.name = name
        self.op = op
        self.value = value
    }

    /// `name="value"`.
    public init(_ name: String, _ value: String) {
        self.init(name, .equal, value)
    }

    /// A missing label counts as the empty string, as in Prometheus.
    public func matches(_ key: SeriesKey) -> Bool {
        let actual = key.label(name) ?? ""
        return op == .equal ? actual == value : actual != value
    }
}
