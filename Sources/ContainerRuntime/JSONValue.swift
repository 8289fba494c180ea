/// A JSON document as read by `JSONReader`: what the container runtime's Engine API answers.
/// Objects keep their last value for a repeated key.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public subscript(key: String) -> JSONValue? {
        guard case let .object(fields) = self else { return nil }
        return fields[key]
    }

    public var string: String? {
        guard case let .string(s) = self else { return nil }
        return s
    }

    public var number: Double? {
        guard case let .number(n) = self else { return nil }
        return n
    }

    /// A whole number that fits in an Int (exit codes, restart counts, timestamps).
    public var int: Int? {
        guard let n = number, n.isFinite, n.rounded() == n, abs(n) < 9e15 else { return nil }
        return Int(n)
    }

    public var bool: Bool? {
        guard case let .bool(b) = self else { return nil }
        return b
    }

    public var array: [JSONValue]? {
        guard case let .array(items) = self else { return nil }
        return items
    }
}
