/// The parsed content of /proc/uptime.
public enum Uptime {
    /// Seconds since boot: the first number of `12345.67 2345.67`.
    public static func parse(_ bytes: ArraySlice<UInt8>) throws(ParseError) -> Double {
        var c = ByteCursor(bytes)
        guard let seconds = c.decimal() else { throw ParseError("/proc/uptime", line: 1, "expected seconds since boot") }
        return seconds
    }
}
