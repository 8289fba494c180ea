/// Prometheus' text format 0.0.4 as node_exporter's textfile collector reads it: `# TYPE` and
/// `# HELP` lines, samples `name{label="value",…} value`. A problem anywhere makes the whole file
/// unusable (as node_exporter skips it), named with its line. Client-side timestamps are refused,
/// as node_exporter refuses them: the scrape's time is the sample's.
public enum PrometheusTextParser {
    public struct Parsed: Sendable, Equatable {
        public var samples: [Sample]
        /// `# HELP` texts by family.
        public var help: [String: String]
    }

    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// Families typed `counter` are counters; `gauge`, `untyped`, `histogram` and `summary`
    /// series are exported as they come (a histogram's `_bucket`, `_sum` and `_count` as gauges).
    public static func parse(_ text: String, maxSamples: Int = 100_000) -> Result<Parsed, Problem> {
        var types: [String: String] = [:]
        var help: [String: String] = [:]
        var samples: [Sample] = []
        var seen = Set<SeriesKey>()
        var number = 0
        // "\r\n" is one Character in Swift: split on it as on "\n".
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            number += 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            if line.hasPrefix("#") {
                let words = line.dropFirst().split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
                guard words.count >= 2, words[0] == "TYPE" || words[0] == "HELP" else { continue }
                let family = String(words[1])
                guard isMetricName(family) else { return .failure(Problem(line: number, message: "invalid metric name \"\(family)\"")) }
                let rest = words.count > 2 ? String(words[2]) : ""
                if words[0] == "TYPE" {
                    guard ["counter", "gauge", "untyped", "histogram", "summary"].contains(rest) else {
                        return .failure(Problem(line: number, message: "unknown type \"\(rest)\" for \(family)"))
                    }
                    guard types[family] == nil else { return .failure(Problem(line: number, message: "second TYPE line for \(family)")) }
                    types[family] = rest
                } else {
                    help[family] = rest.replacingEscapes()
                }
                continue
            }
            switch sample(line, line: number) {
            case let .failure(problem): return .failure(problem)
            case let .success((key, value)):
                guard seen.insert(key).inserted else { return .failure(Problem(line: number, message: "\(key) given twice")) }
                guard samples.count < maxSamples else { return .failure(Problem(line: number, message: "more than \(maxSamples) samples")) }
                let family = familyName(key.name, types: types)
                samples.append(Sample(key, value, types[family] == "counter" ? .counter : .gauge))
            }
        }
        return .success(Parsed(samples: samples, help: help))
    }

    /// `x_bucket`, `x_sum`, `x_count` belong to the family `x` when it is typed.
    static func familyName(_ name: String, types: [String: String]) -> String {
        if types[name] != nil { return name }
        for suffix in ["_bucket", "_sum", "_count"] where name.hasSuffix(suffix) {
            let base = String(name.dropLast(suffix.count))
            if types[base] == "histogram" || types[base] == "summary" { return base }
        }
        return name
    }

    static func sample(_ line: Substring, line number: Int) -> Result<(SeriesKey, Double), Problem> {
        func problem(_ message: String) -> Result<(SeriesKey, Double), Problem> { .failure(Problem(line: number, message: message)) }
        var rest = line.drop { $0 == " " || $0 == "\t" }
        let name = String(rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == ":" })
        guard isMetricName(name) else { return problem("expected a metric name") }
        rest = rest.dropFirst(name.count)
        var labels: [SeriesKey.Label] = []
        if rest.first == "{" {
            rest = rest.dropFirst()
            while true {
                rest = rest.drop { $0 == " " }
                if rest.first == "}" {
                    rest = rest.dropFirst()
                    break
                }
                let label = String(rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" })
                guard isLabelName(label) else { return problem("expected a label name in \(name)") }
                rest = rest.dropFirst(label.count).drop { $0 == " " }
                guard rest.first == "=" else { return problem("expected = after \(label)") }
                rest = rest.dropFirst().drop { $0 == " " }
                guard rest.first == "\"" else { return problem("expected a quoted value for \(label)") }
                rest = rest.dropFirst()
                var value = ""
                var closed = false
                while let c = rest.first {
                    rest = rest.dropFirst()
                    if c == "\\" {
                        guard let next = rest.first else { break }
                        rest = rest.dropFirst()
                        value.append(next == "n" ? "\n" : next)
                    } else if c == "\"" {
                        closed = true
                        break
                    } else {
                        value.append(c)
                    }
                }
                guard closed else { return problem("unterminated value of \(label)") }
                guard !labels.contains(where: { $0.name == label }) else { return problem("label \(label) given twice") }
                labels.append(SeriesKey.Label(label, value))
                rest = rest.drop { $0 == " " }
                if rest.first == "," { rest = rest.dropFirst() } else if rest.first != "}" { return problem("expected , or } after \(label)") }
            }
        }
        let fields = rest.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard let valueText = fields.first else { return problem("\(name) has no value") }
        guard fields.count == 1 else {
            return problem(fields.count == 2 ? "client-side timestamps are not supported (\(name))" : "unexpected text after the value of \(name)")
        }
        guard let value = parseValue(String(valueText)) else { return problem("\"\(valueText)\" is not a number") }
        return .success((SeriesKey(name, labels), value))
    }

    static func parseValue(_ text: String) -> Double? {
        switch text {
        case "+Inf", "Inf": .infinity
        case "-Inf": -.infinity
        case "NaN": .nan
        default: Double(text)
        }
    }

    public static func isMetricName(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first.isASCIILetter || first == "_" || first == ":" else { return false }
        return s.unicodeScalars.allSatisfy { $0.isASCIILetter || $0.isASCIIDigit || $0 == "_" || $0 == ":" }
    }

    /// Prometheus' label names: `[a-zA-Z_][a-zA-Z0-9_]*`.
    public static func isLabelName(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first.isASCIILetter || first == "_" else { return false }
        return s.unicodeScalars.allSatisfy { $0.isASCIILetter || $0.isASCIIDigit || $0 == "_" }
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension String {
    /// `\\` and `\n` in a HELP text.
    fileprivate func replacingEscapes() -> String {
        var out = ""
        var escaping = false
        for c in self {
            if escaping {
                out.append(c == "n" ? "\n" : c)
                escaping = false
            } else if c == "\\" {
                escaping = true
            } else {
                out.append(c)
            }
        }
        return out
    }
}
