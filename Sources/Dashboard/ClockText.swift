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

    /// `1s`, `500ms`, `2.5s`, `1m`.
    static func interval(_ seconds: Double) -> String {
        if seconds < 1 { return String(Int((seconds * 1000).rounded())) + "ms" }
        if seconds >= 60, seconds.truncatingRemainder(dividingBy: 60) == 0 { return String(Int(seconds / 60)) + "m" }
        if seconds == seconds.rounded() { return String(Int(seconds)) + "s" }
        return String(Int(seconds)) + "." + String(Int((seconds * 10).rounded()) % 10) + "s"
    }
}
