import VitalsCore

extension ProcessSample {
    /// Parses /proc/PID/stat. The name sits between the first `(` and the LAST `)`, because a
    /// process may name itself `a) b (c` or `(sd-pam)`; fields after it are space-separated.
    public static func parse(_ bytes: ArraySlice<UInt8>, uid: UInt32 = 0, pageSize: UInt64 = 4096) throws(ParseError) -> ProcessSample {
        guard let open = bytes.firstIndex(of: 0x28), let close = bytes.lastIndex(of: 0x29), open < close else {
            throw ParseError("/proc/PID/stat", "no (name) field")
        }
        var head = ByteCursor(bytes[bytes.startIndex..<open])
        guard let pid = head.int64(), pid > 0, pid <= Int64(Int32.max) else {
            throw ParseError("/proc/PID/stat", "bad pid")
        }
        let name = ByteCursor.string(bytes[(open + 1)..<close])
        var c = ByteCursor(bytes[(close + 1)...])
        let state = c.token()
        guard state.count == 1 else { throw ParseError("/proc/PID/stat", "bad state field") }
        // Fields 4…24 (1-based as in proc(5)); we keep ppid, utime, stime, nice, threads, starttime, vsize, rss.
        var f: [Int64] = []
        f.reserveCapacity(21)
        for _ in 4...24 {
            guard let v = c.int64() else {
                throw ParseError("/proc/PID/stat", "truncated after \(f.count + 3) fields")
            }
            f.append(v)
        }
        func field(_ n: Int) -> Int64 { f[n - 4] }
        let rssPages = UInt64(max(field(24), 0))
        return ProcessSample(
            pid: Int32(pid), name: name, state: state[state.startIndex], ppid: Int32(truncatingIfNeeded: field(4)),
            utimeTicks: UInt64(max(field(14), 0)), stimeTicks: UInt64(max(field(15), 0)),
            nice: Int32(truncatingIfNeeded: field(19)), threads: Int32(truncatingIfNeeded: field(20)),
            startTicks: UInt64(max(field(22), 0)), virtualBytes: UInt64(max(field(23), 0)),
            residentBytes: rssPages &* pageSize, uid: uid
        )
    }
}
