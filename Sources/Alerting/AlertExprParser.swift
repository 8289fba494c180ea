import SeriesStore

/// Parses rule conditions (see `AlertExpr`). The grammar:
///
///     expr      = operand comparison number
///     operand   = selector | function "(" selector "[" duration "]" ["," duration] ")"
///     selector  = name ["{" label ("=" | "!=") "\"value\"" {"," ...} "}"]
///     function  = avg | min | max | rate | increase | predict      (predict takes the horizon)
///
/// `avg_over_time`, `min_over_time`, `max_over_time` and `predict_linear` are accepted as the
/// PromQL spellings of the same functions. Errors name the 1-based column.
public enum AlertExprParser {
    public static func parse(_ text: String) throws(AlertExprError) -> AlertExpr {
        var cursor = Cursor(Array(text.unicodeScalars))
        let operand = try parseOperand(&cursor)
        cursor.skipSpace()
        let comparison = try parseComparison(&cursor)
        cursor.skipSpace()
        let threshold = try parseNumber(&cursor)
        cursor.skipSpace()
        guard cursor.atEnd else { throw cursor.error("unexpected \(cursor.peekText) after the threshold") }
        return AlertExpr(operand: operand, comparison: comparison, threshold: threshold)
    }

    static let functionSpellings: [String: AlertExpr.Function] = [
        "avg": .avg, "avg_over_time": .avg, "min": .min, "min_over_time": .min, "max": .max, "max_over_time": .max,
        "rate": .rate, "increase": .increase, "predict": .predict, "predict_linear": .predict,
    ]

    private static func parseOperand(_ cursor: inout Cursor) throws(AlertExprError) -> AlertExpr.Operand {
        cursor.skipSpace()
        let start = cursor.position
        guard let name = cursor.identifier() else {
            throw cursor.error(cursor.atEnd ? "empty expression: expected a series name such as node_load1" : "expected a series name, found \(cursor.peekText)")
        }
        cursor.skipSpace()
        guard cursor.peek == "(" else {
            return .instant(try parseSelector(named: name, &cursor))
        }
        guard let function = functionSpellings[name] else {
            throw AlertExprError(column: start + 1, message: "unknown function \(name); use one of avg, min, max, rate, increase, predict")
        }
        cursor.advance()
        cursor.skipSpace()
        guard let series = cursor.identifier() else { throw cursor.error("expected a series name inside \(name)(…)") }
        let selector = try parseSelector(named: series, &cursor)
        cursor.skipSpace()
        guard cursor.take("[") else { throw cursor.error("expected [window] after the series, as in \(name)(\(series)[5m])") }
        let window = try parseDuration(&cursor)
        guard window > 0 else { throw cursor.error("the window must be longer than 0") }
        cursor.skipSpace()
        guard cursor.take("]") else { throw cursor.error("expected ] after the window") }
        cursor.skipSpace()
        var horizon: Double?
        if cursor.take(",") {
            cursor.skipSpace()
            guard function == .predict else { throw cursor.error("\(name) takes one argument; only predict takes a horizon") }
            horizon = try parseDuration(&cursor)
            cursor.skipSpace()
        } else if function == .predict {
            throw cursor.error("predict needs a horizon: predict(\(series)[1h], 4h)")
        }
        guard cursor.take(")") else { throw cursor.error("expected ) to close \(name)(") }
        return .function(function, selector, window: window, horizon: horizon)
    }

    private static func parseSelector(named name: String, _ cursor: inout Cursor) throws(AlertExprError) -> AlertExpr.Selector {
        cursor.skipSpace()
        guard cursor.take("{") else { return AlertExpr.Selector(name: name) }
        var matchers: [LabelMatcher] = []
        while true {
            cursor.skipSpace()
            if cursor.take("}") { break }
            guard let label = cursor.identifier() else { throw cursor.error("expected a label name, found \(cursor.peekText)") }
            cursor.skipSpace()
            let op: LabelMatcher.Operator
            if cursor.take("!=") {
                op = .notEqual
            } else if cursor.take("=~") || cursor.take("!~") {
                throw AlertExprError(column: cursor.position - 1, message: "regular-expression matchers are not supported; use = or !=")
            } else if cursor.take("=") {
                op = .equal
            } else {
                throw cursor.error("expected = or != after \(label)")
            }
            cursor.skipSpace()
            let value = try parseString(&cursor)
            matchers.append(LabelMatcher(label, op, value))
            cursor.skipSpace()
            if cursor.take(",") { continue }
            guard cursor.take("}") else { throw cursor.error("expected , or } in the label list") }
            break
        }
        return AlertExpr.Selector(name: name, matchers: matchers)
    }

    private static func parseString(_ cursor: inout Cursor) throws(AlertExprError) -> String {
        guard let quote = cursor.peek, quote == "\"" || quote == "'" else { throw cursor.error("expected a quoted label value") }
        let open = cursor.position
        cursor.advance()
        var out = ""
        while let c = cursor.peek {
            cursor.advance()
            if c == quote { return out }
            if c == "\\", let next = cursor.peek {
                cursor.advance()
                out.unicodeScalars.append(next == "n" ? "\n" : next)
            } else {
                out.unicodeScalars.append(c)
            }
        }
        throw AlertExprError(column: open + 1, message: "unterminated string")
    }

    private static func parseComparison(_ cursor: inout Cursor) throws(AlertExprError) -> AlertExpr.Comparison {
        for op in [AlertExpr.Comparison.greaterOrEqual, .lessOrEqual, .equal, .notEqual, .greater, .less] where cursor.take(op.rawValue) {
            return op
        }
        if cursor.peek == "=" { throw cursor.error("use == to compare") }
        if cursor.atEnd { throw cursor.error("expected a comparison (>, <, >=, <=, ==, !=) and a threshold") }
        throw cursor.error("expected a comparison (>, <, >=, <=, ==, !=), found \(cursor.peekText)")
    }

    private static func parseNumber(_ cursor: inout Cursor) throws(AlertExprError) -> Double {
        let start = cursor.position
        var text = ""
        while let c = cursor.peek, c.properties.numericType != nil || "+-.eE_".unicodeScalars.contains(c) {
            if c != "_" { text.unicodeScalars.append(c) }
            cursor.advance()
        }
        guard !text.isEmpty else {
            throw AlertExprError(column: start + 1, message: cursor.atEnd ? "expected a threshold number" : "expected a threshold number, found \(cursor.peekText)")
        }
        guard let value = Double(text), value.isFinite else { throw AlertExprError(column: start + 1, message: "\(text) is not a number") }
        return value
    }

    /// `500ms`, `30s`, `5m`, `1h30m`, `2d`, `1w`.
    private static func parseDuration(_ cursor: inout Cursor) throws(AlertExprError) -> Double {
        let start = cursor.position
        var total = 0.0
        var parts = 0
        while let c = cursor.peek, c.properties.numericType != nil {
            var digits = ""
            while let d = cursor.peek, d.properties.numericType != nil {
                digits.unicodeScalars.append(d)
                cursor.advance()
            }
            let unit: Double
            if cursor.take("ms") { unit = 0.001 } else if cursor.take("s") { unit = 1 } else if cursor.take("m") { unit = 60 } else if cursor.take("h") {
                unit = 3600
            } else if cursor.take("d") { unit = 86_400 } else if cursor.take("w") { unit = 604_800 } else {
                throw cursor.error("a duration needs a unit (ms, s, m, h, d, w), as in 5m")
            }
            guard let n = Double(digits) else { throw AlertExprError(column: start + 1, message: "bad duration") }
            total += n * unit
            parts += 1
        }
        guard parts > 0 else { throw AlertExprError(column: start + 1, message: "expected a duration such as 5m") }
        return total
    }

    /// Scalars with a position.
    struct Cursor {
        let scalars: [Unicode.Scalar]
        var position = 0

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        var atEnd: Bool { position >= scalars.count }
        var peek: Unicode.Scalar? { atEnd ? nil : scalars[position] }
        var peekText: String { peek.map { "'\($0)'" } ?? "end of expression" }

        mutating func advance() { position += 1 }

        mutating func skipSpace() {
            while let c = peek, c == " " || c == "\t" || c == "\n" { position += 1 }
        }

        mutating func take(_ text: String) -> Bool {
            let wanted = Array(text.unicodeScalars)
            guard position + wanted.count <= scalars.count, Array(scalars[position..<position + wanted.count]) == wanted else { return false }
            position += wanted.count
            return true
        }

        mutating func identifier() -> String? {
            guard let first = peek, first.isASCII, first.properties.isAlphabetic || first == "_" || first == ":" else { return nil }
            var out = ""
            while let c = peek, c.isASCII, c.properties.isAlphabetic || c.properties.numericType != nil || c == "_" || c == ":" {
                out.unicodeScalars.append(c)
                position += 1
            }
            return out
        }

        func error(_ message: String) -> AlertExprError {
            AlertExprError(column: position + 1, message: message)
        }
    }
}
