import VitalsCore

extension LoadAverage {
    /// Parses /proc/loadavg: `0.01 0.04 0.01 2/80 2217`.
    public static func parse(_ bytes: ArraySlice<UInt8>) throws(ParseError) -> LoadAverage {
        var c = ByteCursor(bytes)
        guard let one = c.decimal(), let five = c.decimal(), let fifteen = c.decimal() else {
            throw ParseError("/proc/loadavg", line: 1, "expected three load averages")
        }
        guard let runnable = c.uint64(), c.peek == 0x2F else {
            throw ParseError("/proc/loadavg", line: 1, "expected runnable/total tasks")
        }
        c.index += 1
        guard let total = c.uint64() else {
            throw ParseError("/proc/loadavg", line: 1, "expected runnable/total tasks")
        }
        return LoadAverage(one: one, five: five, fifteen: fifteen, runnable: runnable, total: total)
    }
}
