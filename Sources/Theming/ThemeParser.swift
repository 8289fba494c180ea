/// Parses btop's theme format: `theme[key]="#RRGGBB"` per line, `#` comments, empty value for the
/// terminal's default, `"#GG"` for a grey and `"R G B"` in decimal.
///
/// Unlike btop, it reports every unknown key, bad colour and malformed line with its line number;
/// the lines that are fine still apply, on top of `base` (the default theme unless given).
public enum ThemeParser {
    public static func parse(_ text: String, name: String, file: String? = nil, base: Theme? = Theme.default) -> (theme: Theme, diagnostics: [ThemeDiagnostic]) {
        var theme = base ?? Theme(name: name, colors: [:])
        theme.name = name
        var diagnostics: [ThemeDiagnostic] = []
        let file = file ?? name
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingBlanks()
            if line.isEmpty || line.hasPrefix("#") { continue }
            func report(_ message: String) { diagnostics.append(ThemeDiagnostic(file: file, line: index + 1, message: message)) }
            guard line.hasPrefix("theme["), let close = line.firstIndex(of: "]") else {
                report("expected theme[key]=\"value\"")
                continue
            }
            let key = String(line[line.index(line.startIndex, offsetBy: 6)..<close])
            var rest = line[line.index(after: close)...].trimmingBlanks()
            guard rest.hasPrefix("=") else {
                report("expected = after theme[\(key)]")
                continue
            }
            rest = rest.dropFirst().trimmingBlanks()
            if rest.hasPrefix("\""), rest.hasSuffix("\""), rest.count >= 2 {
                rest = rest.dropFirst().dropLast()
            } else if rest.hasPrefix("\"") || rest.hasSuffix("\"") {
                report("unbalanced quotes in the value of \(key)")
                continue
            }
            guard let role = ThemeRole(rawValue: key) else {
                report("unknown key \"\(key)\"")
                continue
            }
            guard let color = parseColor(String(rest)) else {
                report("bad colour \"\(rest)\" for \(key): use \"#RRGGBB\", \"#GG\", \"R G B\" or \"\"")
                continue
            }
            theme[role] = color
        }
        return (theme, diagnostics)
    }

    /// `#RRGGBB`, `#GG` (grey), `R G B` (decimal 0–255), or empty for the terminal's default.
    public static func parseColor(_ value: String) -> Color? {
        let v = value.trimmingBlanks()
        if v.isEmpty { return .terminalDefault }
        if v.hasPrefix("#") {
            let hex = v.dropFirst()
            guard hex.allSatisfy(\.isHexDigit) else { return nil }
            if hex.count == 6, let n = UInt32(hex, radix: 16) {
                return .rgb(UInt8(n >> 16), UInt8((n >> 8) & 0xFF), UInt8(n & 0xFF))
            }
            if hex.count == 2, let g = UInt8(hex, radix: 16) { return .rgb(g, g, g) }
            return nil
        }
        let parts = v.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 3 else { return nil }
        let values = parts.compactMap { UInt8($0) }
        guard values.count == 3 else { return nil }
        return .rgb(values[0], values[1], values[2])
    }
}

extension StringProtocol {
    func trimmingBlanks() -> SubSequence {
        var s = self[...]
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
        return s
    }
}
