import Glibc

/// Local wall-clock time as `HH:MM:SS` (localtime_r honours TZ).
enum ClockText {
    static func format(_ seconds: Double) -> String {
        var t = time_t(seconds)
        var parts = tm()
        guard localtime_r(&t, &parts) != nil else { return "--:--:--" }
        func pad(_ n: Int32) -> String { n < 10 ? "0\(n)" : String(n) }
        return pad(parts.tm_hour) + ":" + pad(parts.tm_min) + ":" + pad(parts.tm_sec)
    }

    /// `HH:MM:SS` on `now`'s local day; `YYYY-MM-DD HH:MM:SS` on another (a past moment is never
    /// taken for today's).
    static func moment(_ seconds: Double, now: Double) -> String {
        func day(_ s: Double) -> tm {
            var t = time_t(s)
            var parts = tm()
            _ = localtime_r(&t, &parts)
            return parts
        }
        let a = day(seconds), b = day(now)
        guard a.tm_year != b.tm_year || a.tm_yday != b.tm_yday else { return format(seconds) }
        func pad(_ n: Int32) -> String { n < 10 ? "0\(n)" : String(n) }
        return "\(a.tm_year + 1900)-" + pad(a.tm_mon + 1) + "-" + pad(a.tm_mday) + " " + format(seconds)
    }

    /// `1s`, `500ms`, `2.5s`, `1m`.
    static func interval(_ seconds: Double) -> String {
        if seconds < 1 { return String(Int((seconds * 1000).rounded())) + "ms" }
        if seconds >= 60, seconds.truncatingRemainder(dividingBy: 60) == 0 { return String(Int(seconds / 60)) + "m" }
        if seconds == seconds.rounded() { return String(Int(seconds)) + "s" }
        return String(Int(seconds)) + "." + String(Int((seconds * 10).rounded()) % 10) + "s"
    }
}
