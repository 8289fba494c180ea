import Glibc
import VitalsConfig

/// What `g` accepts, read against the current time in the local time zone (TZ honoured):
/// `03:12` or `03:12:30` (the latest such time not after now: today, else yesterday),
/// `-2h`, `-90s`, `-1h30m` (ago), `2026-11-30 03:12[:30]` (a local date and time), or `now`.
enum TimeJump {
    static let help = "use 03:12, -2h or 2026-11-30 03:12"

    /// The moment `text` names, or nil when it names none or one in the future.
    static func parse(_ text: String, now: Double) -> Double? {
        let text = text.trimmingWhitespace()
        if text == "now" { return now }
        if text.hasPrefix("-") {
            guard let ago = DurationText.parse(String(text.dropFirst())), ago >= 0 else { return nil }
            return now - ago
        }
        let parts = text.split(separator: " ")
        switch parts.count {
        case 1:
            guard let clock = clock(parts[0]) else { return nil }
            var day = localParts(now)
            day.tm_hour = clock.hour
            day.tm_min = clock.minute
            day.tm_sec = clock.second
            guard var t = moment(day) else { return nil }
            if t > now {
                day.tm_mday -= 1
                guard let yesterday = moment(day) else { return nil }
                t = yesterday
            }
            return t
        case 2:
            guard let clock = clock(parts[1]) else { return nil }
            let date = parts[0].split(separator: "-")
            guard date.count == 3, let year = Int32(date[0]), let month = Int32(date[1]), let mday = Int32(date[2]),
                  (1...12).contains(month), (1...31).contains(mday) else { return nil }
            var day = tm()
            day.tm_year = year - 1900
            day.tm_mon = month - 1
            day.tm_mday = mday
            day.tm_hour = clock.hour
            day.tm_min = clock.minute
            day.tm_sec = clock.second
            guard let t = moment(day), t <= now else { return nil }
            return t
        default:
            return nil
        }
    }

    /// `HH:MM` or `HH:MM:SS`.
    private static func clock(_ text: Substring) -> (hour: Int32, minute: Int32, second: Int32)? {
        let fields = text.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 2 || fields.count == 3, fields.allSatisfy({ $0.count == 2 || $0.count == 1 }) else { return nil }
        guard let h = Int32(fields[0]), let m = Int32(fields[1]), (0...23).contains(h), (0...59).contains(m) else { return nil }
        let s = fields.count == 3 ? Int32(fields[2]) : 0
        guard let s, (0...59).contains(s) else { return nil }
        return (h, m, s)
    }

    private static func localParts(_ seconds: Double) -> tm {
        var t = time_t(seconds)
        var parts = tm()
        _ = localtime_r(&t, &parts)
        return parts
    }

    /// Local broken-down time to seconds since the epoch (the zone decides daylight saving).
    private static func moment(_ parts: tm) -> Double? {
        var p = parts
        p.tm_isdst = -1
        let t = mktime(&p)
        return t == -1 ? nil : Double(t)
    }
}

private extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s = s.dropFirst() }
        while s.last?.isWhitespace == true { s = s.dropLast() }
        return String(s)
    }
}
