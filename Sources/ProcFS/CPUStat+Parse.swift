import VitalsCore

extension CPUStat {
    /// Parses /proc/stat: the `cpu` and `cpuN` lines, `intr`, `ctxt`, `btime`, `processes`, `procs_*`.
    public static func parse(_ bytes: ArraySlice<UInt8>) throws(ParseError) -> CPUStat {
        var stat = CPUStat()
        var c = ByteCursor(bytes)
        var line = 0
        var sawTotal = false
        while !c.isAtEnd {
            line += 1
            let key = c.token()
            if ByteCursor.hasPrefix(key, "cpu") {
                let times = try parseTimes(&c, line: line)
                if key.count == 3 {
                    stat.total = times
                    sawTotal = true
                } else {
                    // A core number has at most 6 digits (the kernel's limit is 8,192 CPUs): more is not a core.
                    var id = 0
                    guard key.count <= 9 else { throw ParseError("/proc/stat", line: line, "bad cpu name") }
                    for b in key.dropFirst(3) {
                        guard b &- 0x30 < 10 else { throw ParseError("/proc/stat", line: line, "bad cpu name") }
                        id = id * 10 + Int(b - 0x30)
                    }
                    stat.cores.append(CPUStat.Core(id: id, times: times))
                }
            } else if ByteCursor.equals(key, "intr") {
                stat.interrupts = c.uint64() ?? 0
            } else if ByteCursor.equals(key, "ctxt") {
                stat.contextSwitches = c.uint64() ?? 0
            } else if ByteCursor.equals(key, "btime") {
                stat.bootTime = c.uint64() ?? 0
            } else if ByteCursor.equals(key, "processes") {
                stat.forks = c.uint64() ?? 0
            } else if ByteCursor.equals(key, "procs_running") {
                stat.processesRunning = c.uint64() ?? 0
            } else if ByteCursor.equals(key, "procs_blocked") {
                stat.processesBlocked = c.uint64() ?? 0
            }
            c.skipLine()
        }
        guard sawTotal else { throw ParseError("/proc/stat", "no aggregate cpu line") }
        return stat
    }

    /// User, nice, system, idle are required; later columns appeared with later kernels.
    private static func parseTimes(_ c: inout ByteCursor, line: Int) throws(ParseError) -> CPUTimes {
        var values: [UInt64] = []
        values.reserveCapacity(10)
        while values.count < 10, !c.isAtLineEnd() {
            guard let v = c.uint64() else { throw ParseError("/proc/stat", line: line, "bad cpu time value") }
            values.append(v)
        }
        guard values.count >= 4 else { throw ParseError("/proc/stat", line: line, "cpu line has \(values.count) values, expected at least 4") }
        values.append(contentsOf: repeatElement(0, count: 10 - values.count))
        var t = CPUTimes()
        t.user = values[0]
        t.nice = values[1]
        t.system = values[2]
        t.idle = values[3]
        t.iowait = values[4]
        t.irq = values[5]
        t.softirq = values[6]
        t.steal = values[7]
        t.guest = values[8]
        t.guestNice = values[9]
        return t
    }
}
