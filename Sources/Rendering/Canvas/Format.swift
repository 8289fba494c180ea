/// Number formatting for narrow columns: short, fixed-width friendly, 1024-based for sizes.
public enum Format {
    /// `512B`, `1.5K`, `23M`, `4.0G`, `1.2T` (binary units, at most 4 characters for < 1000 P).
    public static func bytes(_ value: Double) -> String {
        guard value.isFinite, value >= 0 else { return "-" }
        let units = ["B", "K", "M", "G", "T", "P"]
        var v = value
        var i = 0
        while v >= 1000, i < units.count - 1 {
            v /= 1024
            i += 1
        }
        if i == 0 { return whole(v) + "B" }
        return (v < 10 ? fixed(v, 1) : whole(v.rounded())) + units[i]
    }

    public static func bytes(_ value: UInt64) -> String { bytes(Double(value)) }

    /// A byte rate: `bytes(v) + "/s"`, or `-` when unknown.
    public static func rate(_ value: Double?) -> String {
        guard let value else { return "-" }
        return bytes(value) + "/s"
    }

    /// A count per second: `0`, `12`, `1.2k`, `34k`, `1.2M`.
    public static func count(_ value: Double) -> String {
        guard value.isFinite, value >= 0 else { return "-" }
        if value < 1000 { return whole(value.rounded()) }
        if value < 1e6 { return value < 10_000 ? fixed(value / 1000, 1) + "k" : whole((value / 1000).rounded()) + "k" }
        return fixed(value / 1e6, 1) + "M"
    }

    /// `42%`, `3.5%` below 10, `-` when unknown.
    public static func percent(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "-" }
        return value < 9.95 ? fixed(value, 1) + "%" : whole(value.rounded()) + "%"
    }

    /// The integer part of `value`; past 10^15 (where a Double no longer holds every integer, and
    /// past which `Int(_:)` would trap near 9.2 × 10^18) as `1e20`-style mantissa and exponent.
    /// A figure that large comes only from a damaged or hostile file, and must not crash the screen.
    public static func whole(_ value: Double) -> String {
        guard value.isFinite else { return "-" }
        guard abs(value) >= 1e15 else { return String(Int(value)) }
        var mantissa = abs(value), exponent = 0
        while mantissa >= 10 {
            mantissa /= 10
            exponent += 1
        }
        return (value < 0 ? "-" : "") + String(Int(mantissa)) + "e" + String(exponent)
    }

    /// Fixed-point with `digits` decimals, without Foundation.
    public static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "-" }
        if abs(value) >= 1e15 { return whole(value) }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = Int(scaled / scale)
        var fraction = String(Int(scaled) - whole * Int(scale))
        while fraction.count < digits { fraction = "0" + fraction }
        let sign = value < 0 && scaled > 0 ? "-" : ""
        return digits == 0 ? sign + String(whole) : sign + String(whole) + "." + fraction
    }

    /// Uptime as `3d 04:12` or `04:12:09` (under a day).
    public static func uptime(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite, seconds >= 0, seconds < 1e15 else { return "-" }
        let s = Int(seconds)
        let days = s / 86_400, hours = (s % 86_400) / 3600, minutes = (s % 3600) / 60
        if days > 0 { return "\(days)d \(pad(hours)):\(pad(minutes))" }
        return "\(pad(hours)):\(pad(minutes)):\(pad(s % 60))"
    }

    /// How long ago, shortest readable: `45s`, `3m`, `2h05m`, `1d01h`, `10d`.
    public static func age(_ seconds: Double) -> String {
        let s = Int(min(max(0, seconds.isFinite ? seconds : 0), 1e15))
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" }
        if s < 86_400 { return "\(s / 3600)h" + pad((s % 3600) / 60) + "m" }
        if s < 10 * 86_400 { return "\(s / 86_400)d" + pad((s % 86_400) / 3600) + "h" }
        return "\(s / 86_400)d"
    }

    public static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }

    /// As many whole `parts` as fit in `width` columns, joined by `separator`: a narrow pane drops
    /// the last items rather than cut a number or a word in half.
    public static func fitting(_ parts: [String], separator: String = "  ", width: Int) -> String {
        var out = ""
        for part in parts {
            let next = out.isEmpty ? part : out + separator + part
            if CharacterWidth.of(next) > width { break }
            out = next
        }
        return out
    }

    /// Pads or cuts `text` to exactly `width` columns (left-aligned unless `right`).
    public static func fit(_ text: String, _ width: Int, right: Bool = false) -> String {
        let w = CharacterWidth.of(text)
        if w == width { return text }
        if w < width {
            let padding = String(repeating: " ", count: width - w)
            return right ? padding + text : text + padding
        }
        var out = ""
        var used = 0
        for c in text {
            let cw = CharacterWidth.of(c)
            if used + cw > width { break }
            out.append(c)
            used += cw
        }
        return out + String(repeating: " ", count: width - used)
    }
}
