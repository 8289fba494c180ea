import VitalsCore

/// `alertname="load-high", host=~"db[0-9]+"`: matchers as Alertmanager writes them (braces
/// optional, values in double quotes with `\"` and `\\` escaped, separated by commas).
public enum AlertMatcherParser {
    public static func parse(_ text: String) throws(AlertMatcherError) -> [AlertMatcher] {
        var chars = Array(text.trimmingSpaces)
        if chars.first == "{", chars.last == "}" { chars = Array(chars.dropFirst().dropLast()) }
        var i = 0
        var out: [AlertMatcher] = []
        func skipSpaces() { while i < chars.count, chars[i] == " " || chars[i] == "\t" || chars[i] == "\n" { i += 1 } }
        skipSpaces()
        while i < chars.count {
            let start = i
            while i < chars.count, chars[i].isASCII, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" { i += 1 }
            let name = String(chars[start..<i])
            guard PrometheusTextParser.isLabelName(name) else { throw AlertMatcherError("expected a label name at \(start + 1) in \(text)") }
            skipSpaces()
            let two = i + 1 < chars.count ? String(chars[i...(i + 1)]) : ""
            let op: AlertMatcher.Operator
            if let o = AlertMatcher.Operator(rawValue: two), o != .equal {
                op = o
                i += 2
            } else if i < chars.count, chars[i] == "=" {
                op = .equal
                i += 1
            } else {
                throw AlertMatcherError("expected =, !=, =~ or !~ after \(name) in \(text)")
            }
            skipSpaces()
            guard i < chars.count, chars[i] == "\"" else { throw AlertMatcherError("the value of \(name) must be in double quotes in \(text)") }
            i += 1
            var value = ""
            var closed = false
            while i < chars.count {
                let c = chars[i]
                i += 1
                if c == "\\", i < chars.count {
                    value.append(chars[i])
                    i += 1
                } else if c == "\"" {
                    closed = true
                    break
                } else {
                    value.append(c)
                }
            }
            guard closed else { throw AlertMatcherError("the value of \(name) has no closing quote in \(text)") }
            out.append(try AlertMatcher(name: name, op: op, value: value))
            skipSpaces()
            if i < chars.count {
                guard chars[i] == "," else { throw AlertMatcherError("expected a comma after \(name)'s value in \(text)") }
                i += 1
                skipSpaces()
            }
        }
        return out
    }
}

extension String {
    fileprivate var trimmingSpaces: Substring {
        let trimmed = drop { $0 == " " || $0 == "\n" || $0 == "\t" }
        var end = trimmed.endIndex
        while end > trimmed.startIndex, [" ", "\n", "\t"].contains(trimmed[trimmed.index(before: end)]) { end = trimmed.index(before: end) }
        return trimmed[..<end]
    }
}
