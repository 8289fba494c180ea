import VitalsCore

/// One condition on an alert's labels, as Alertmanager's silences have them: `name="value"`,
/// `name!="value"`, `name=~"regex"`, `name!~"regex"` (a regular expression matches the whole
/// value). A label the alert lacks has the empty value.
public struct AlertMatcher: Sendable, Equatable {
    public enum Operator: String, Sendable, CaseIterable {
        case equal = "="
        case notEqual = "!="
        case matches = "=~"
        case doesNotMatch = "!~"
    }

    public var name: String
    public var op: Operator
    public var value: String

    /// Throws when `name` is not a label name (`[a-zA-Z_][a-zA-Z0-9_]*`), or `op` takes a regular
    /// expression and `value` is not one.
    public init(name: String, op: Operator, value: String) throws(AlertMatcherError) {
        guard PrometheusTextParser.isLabelName(name) else { throw AlertMatcherError("\"\(name)\" is not a label name ([a-zA-Z_][a-zA-Z0-9_]*)") }
        self.name = name
        self.op = op
        self.value = value
        if op == .matches || op == .doesNotMatch {
            do {
                _ = try Regex(value)
            } catch {
                throw AlertMatcherError("\(name)\(op.rawValue)\"\(value)\": not a regular expression (\(error))")
            }
        }
    }

    public func matches(_ labels: AlertLabels) -> Bool {
        let actual = labels[name] ?? ""
        switch op {
        case .equal: return actual == value
        case .notEqual: return actual != value
        case .matches, .doesNotMatch:
            let whole = (try? Regex(value)).map { (try? $0.wholeMatch(in: actual)) != nil } ?? false
            return op == .matches ? whole : !whole
        }
    }

    /// `name="value"` (the value quoted with `\"` and `\\` escaped).
    public var text: String {
        name + op.rawValue + "\"" + value.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
    }
}

/// Why a matcher was refused.
public struct AlertMatcherError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
