import Glibc

/// The Engine API's times: RFC 3339 with nanoseconds (`2026-12-07T05:40:12.123456789Z`, or an
/// offset such as `+01:00`). Its zero time (`0001-01-01T00:00:00Z`) means never.
enum EngineTime {
    static func parse(_ text: String) -> Double? {
        let b = Array(text.utf8)
        func int(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var v = 0
            for i in from..<(from + count) {
                guard (48...57).contains(b[i]) else { return nil }
                v = v * 10 + Int(b[i] - 48)
            }
            return v
        }
        guard b.count >= 20, let year = int(0, 4), let month = int(5, 2), let day = int(8, 2),
              let hour = int(11, 2), let minute = int(14, 2), let second = int(17, 2),
              b[4] == 45, b[7] == 45, b[10] == 84 || b[10] == 116, b[13] == 58, b[16] == 58 else { return nil }
        guard year > 1 else { return nil }
        var at = 19
        var fraction = 0.0
        if at < b.count, b[at] == 46 {
            at += 1
            var scale = 0.1
            while at < b.count, (48...57).contains(b[at]) {
                fraction += Double(b[at] - 48) * scale
                scale /= 10
                at += 1
            }
        }
        var offset = 0
        guard at < b.count else { return nil }
        if b[at] == 90 || b[at] == 122 {
            at += 1
        } else if b[at] == 43 || b[at] == 45, let h = int(at + 1, 2), let m = int(at + 4, 2) {
            offset = (h * 3600 + m * 60) * (b[at] == 45 ? -1 : 1)
            at += 6
        } else {
            return nil
        }
        guard at == b.count else { return nil }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        return Double(timegm(&parts) - offset) + fraction
    }
}
