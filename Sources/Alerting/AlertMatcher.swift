import VitalsCore

/// One condition on an alert's labels, as Alertmanager's silences have them: `name="value"`,
/// `name!="value"`, `name=~"regex"`, `name!~"regex"` (a regular expression matches the whole
/// value). A label the alert lacks has the empty value.
///
/// The expression is compiled once, here: every firing alert is checked against every silence on
/// each frame and each scrape, and compiling costs about 50 times matching (`vitals bench alerts`,
/// its silences line, in docs/PERFORMANCE.md).
public struct AlertMatcher: Sendable, Equatable {
    public enum Operator: String, Sendable, CaseIterable {
        case equal = "="
        case notEqual = "!="
        case matches = "=~"
        case doesNotMatch = "!~"
    }

    public let name: String
    public let op: Operator
    public let value: String
    private let pattern: CompiledPattern?

    /// Throws when `name` is not a label name (`[a-zA-Z_][a-zA-Z0-9_]*`), or `op` takes a regular
    /// expression and `value` is not one.
    public init(name: String, op: Operator, value: String) throws(AlertMatcherError) {
        guard PrometheusTextParser.isLabelName(name) else { throw AlertMatcherError("\"\(name)\" is not a label name ([a-zA-Z_][a-zA-Z0-9_]*)") }
        self.name = name
        self.op = op
        self.value = value
        if op == .matches || op == .doesNotMatch {
            do {
                pattern = try CompiledPattern(value)
            } catch {
                throw AlertMatcherError("\(name)\(op.rawValue)\"\(value)\": not a regular expression (\(error))")
            }
        } else {
            pattern = nil
        }
    }

    public static func == (a: AlertMatcher, b: AlertMatcher) -> Bool {
        a.name == b.name && a.op == b.op && a.value == b.value
    }

    public func matches(_ labels: AlertLabels) -> Bool {
        let actual = labels[name] ?? ""
        switch op {
        case .equal: return actual == value
        case .notEqual: return actual != value
        case .matches, .doesNotMatch:
            let whole = pattern?.matchesWhole(actual) ?? false
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
