import SeriesStore

/// A parsed rule condition: `operand comparison threshold`, such as
/// `node_load1 > 4` or `predict(node_filesystem_avail_bytes[1h], 4h) < 0`.
public struct AlertExpr: Sendable, Equatable, CustomStringConvertible {
    /// A metric name with optional label matchers: `node_filesystem_avail_bytes{fstype!="tmpfs"}`.
    public struct Selector: Sendable, Equatable {
        public var name: String
        public var matchers: [LabelMatcher]

        public init(name: String, matchers: [LabelMatcher] = []) {
            self.name = name
            self.matchers = matchers
        }
    }

    /// A function over a window of samples.
    public enum Function: String, Sendable, CaseIterable {
        case avg
        case min
        case max
        /// Per-second increase of a counter (or slope of a gauge) over the window.
        case rate
        /// Increase of a counter (or change of a gauge) from the window's first sample to its last (not extrapolated).
        case increase
        /// The value a least-squares line through the window reaches `horizon` seconds from now.
        case predict
    }

    public enum Operand: Sendable, Equatable {
        /// The newest value.
        case instant(Selector)
        /// `function(selector[window])`, with `horizon` for predict.
        case function(Function, Selector, window: Double, horizon: Double?)

        public var selector: Selector {
            switch self {
            case let .instant(s): s
            case let .function(_, s, _, _): s
            }
        }
    }

    public enum Comparison: String, Sendable, CaseIterable {
        case greater = ">"
        case less = "<"
        case greaterOrEqual = ">="
        case lessOrEqual = "<="
        case equal = "=="
        case notEqual = "!="

        public func holds(_ value: Double, _ threshold: Double) -> Bool {
            switch self {
            case .greater: value > threshold
            case .less: value < threshold
            case .greaterOrEqual: value >= threshold
            case .lessOrEqual: value <= threshold
            case .equal: value == threshold
            case .notEqual: value != threshold
            }
        }
    }

    public var operand: Operand
    public var comparison: Comparison
    public var threshold: Double

    public init(operand: Operand, comparison: Comparison, threshold: Double) {
        self.operand = operand
        self.comparison = comparison
        self.threshold = threshold
    }

    /// The longest stretch of history the expression reads (0 for an instant one).
    public var lookback: Double {
        if case let .function(_, _, window, _) = operand { return window }
        return 0
    }

    public var description: String {
        let selector = operand.selector
        var text = selector.name
        if !selector.matchers.isEmpty {
            text += "{" + selector.matchers.map { "\($0.name)\($0.op.rawValue)\"\($0.value)\"" }.joined(separator: ",") + "}"
        }
        if case let .function(function, _, window, horizon) = operand {
            text = "\(function.rawValue)(\(text)[\(Self.durationText(window))]" + (horizon.map { ", " + Self.durationText($0) } ?? "") + ")"
        }
        return "\(text) \(comparison.rawValue) \(Self.numberText(threshold))"
    }

    static func durationText(_ seconds: Double) -> String {
        for (unit, size) in [("d", 86_400.0), ("h", 3600), ("m", 60), ("s", 1)] where seconds >= size && seconds.truncatingRemainder(dividingBy: size) == 0 {
            return "\(Int(seconds / size))\(unit)"
        }
        return "\(Int((seconds * 1000).rounded()))ms"
    }

    static func numberText(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
