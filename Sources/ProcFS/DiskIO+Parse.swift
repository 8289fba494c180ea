import VitalsCore

extension DiskIO {
    /// Parses /proc/diskstats: `major minor name` and at least 11 counters per line.
    public static func parseAll(_ bytes: ArraySlice<UInt8>) throws(ParseError) -> [DiskIO] {
        var disks: [DiskIO] = []
        try ByteCursor.forEachLine(in: bytes) { (c: inout ByteCursor, line: Int) throws(ParseError) in
            guard let major = c.uint64(), let minor = c.uint64() else {
                throw ParseError("/proc/diskstats", line: line, "expected major and minor numbers")
            }
            let name = c.token()
            guard !name.isEmpty else { throw ParseError("/proc/diskstats", line: line, "missing device name") }
            var v: [UInt64] = []
            v.reserveCapacity(20)
            while !c.isAtLineEnd() {
                guard let x = c.uint64() else { throw ParseError("/proc/diskstats", line: line, "bad counter") }
                v.append(x)
            }
            guard v.count >= 11 else {
                throw ParseError("/proc/diskstats", line: line, "\(v.count) counters, expected at least 11")
            }
            disks.append(DiskIO(
                name: ByteCursor.string(name), major: UInt32(truncatingIfNeeded: major), minor: UInt32(truncatingIfNeeded: minor),
                readsCompleted: v[0], sectorsRead: v[2], writesCompleted: v[4], sectorsWritten: v[6], ioMilliseconds: v[9]
            ))
            disks[disks.count - 1].readMilliseconds = v[3]
            disks[disks.count - 1].writeMilliseconds = v[7]
            disks[disks.count - 1].otherCounters = [v[1], v[5], v[8], v[10]] + v.dropFirst(11).prefix(6)
        }
        return disks
    }
}
