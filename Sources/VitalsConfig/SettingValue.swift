/// A configuration value, already checked against its setting's kind.
public enum SettingValue: Sendable, Equatable {
    case bool(Bool)
    case int(Int)
    case double(Double)
    /// Seconds.
    case duration(Double)
    /// Bytes.
    case size(Int)
    case string(String)
    case list([String])
    /// Items of a list of records (alert rules, notifiers), each field checked.
    case records([ConfigRecord])

    /// The value as it would be written in the file.
    public var text: String {
        switch self {
        case let .bool(b): b ? "true" : "false"
        case let .int(i): String(i)
        case let .double(d): d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
        case let .duration(s): DurationText.format(s)
        case let .size(b): SizeText.format(b)
        case let .string(s): s.isEmpty ? "\"\"" : s
        case let .list(items): "[" + items.joined(separator: ", ") + "]"
        case let .records(records): "\(records.count) " + (records.count == 1 ? "item" : "items")
        }
    }
}

/// One item of a list of records, with where it was written.
public struct ConfigRecord: Sendable, Equatable {
    public var fields: [String: SettingValue]
    /// `PATH:LINE:COLUMN` of the item.
    public var place: String

    public init(fields: [String: SettingValue], place: String) {
        self.fields = fields
        self.place = place
    }

    public subscript(_ name: String) -> SettingValue? { fields[name] }
}
