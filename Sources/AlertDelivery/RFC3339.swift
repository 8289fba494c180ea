import Glibc

/// UTC timestamps: RFC 3339 (`2026-11-22T08:15:00.123Z`) and RFC 5322 (mail's Date header).
public enum RFC3339 {
    public static func format(_ time: Double) -> String {
        let (parts, millis) = utc(time)
        let base = "\(pad(Int(parts.tm_year) + 1900, 4))-\(pad(Int(parts.tm_mon) + 1, 2))-\(pad(Int(parts.tm_mday), 2))T"
            + "\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2))"
        return millis == 0 ? base + "Z" : base + ".\(pad(millis, 3))Z"
    }

    public static func rfc5322(_ time: Double) -> String {
        let (parts, _) = utc(time)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(days[Int(parts.tm_wday)]), \(pad(Int(parts.tm_mday), 2)) \(months[Int(parts.tm_mon)]) \(Int(parts.tm_year) + 1900) "
            + "\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2)) +0000"
    }

    static func utc(_ time: Double) -> (tm, Int) {
        let whole = time.rounded(.down)
        var t = time_t(whole)
        var parts = tm()
        gmtime_r(&t, &parts)
        return (parts, min(999, Int(((time - whole) * 1000).rounded())))
    }

    static func pad(_ n: Int, _ width: Int) -> String {
        let text = String(n)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
