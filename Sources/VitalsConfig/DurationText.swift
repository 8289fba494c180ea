/// Durations as written in the configuration: `500ms`, `10s`, `5m`, `2h`, `7d`, or combined
/// (`1h30m`). A bare number is seconds.
public enum DurationText {
    private static let units: [(suffix: String, seconds: Double)] = [
        ("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400), ("w", 604_800),
    ]

    /// Seconds, or nil when the text is not a duration.
    public static func parse(_ text: String) -> Double? {
        let s = text.trimmingSpaces()
        guard !s.isEmpty else { return nil }
        if let plain = Double(s), plain.isFinite { return plain }
        var total = 0.0
        var rest = Substring(s)
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isNumber || $0 == "." }
            guard !digits.isEmpty, let number = Double(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            let letters = rest.prefix { $0.isLetter }
            guard let unit = units.first(where: { $0.suffix == letters }) else { return nil }
            rest = rest.dropFirst(letters.count)
            total += number * unit.seconds
        }
        return total.isFinite ? total : nil
    }

    /// The shortest exact form: `500ms`, `10s`, `5m`, `2h`, `7d`, else `1h30m` style.
    public static func format(_ seconds: Double) -> String {
        if seconds < 1, seconds > 0 {
            let ms = (seconds * 1000).rounded()
            return "\(Int(ms))ms"
        }
        var remaining = Int(seconds.rounded())
        if remaining == 0 { return "0s" }
        var out = ""
        for (suffix, size) in [("d", 86_400), ("h", 3600), ("m", 60), ("s", 1)] where remaining >= size {
            out += "\(remaining / size)\(suffix)"
            remaining %= size
        }
        return out
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
