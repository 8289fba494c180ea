import VitalsCore

extension ProcessSample {
    /// Parses /proc/PID/stat. The name sits between the first `(` and the LAST `)`, because a
    /// process may name itself `a) b (c` or `(sd-pam)`; fields after it are space-separated.
    ///
    /// This runs for every process on every tick, so it is one pass over raw bytes: no Strings but
    /// the name, no arrays, no per-byte bounds checks.
    public static func parse(_ bytes: ArraySlice<UInt8>, uid: UInt32 = 0, pageSize: UInt64 = 4096) throws(ParseError) -> ProcessSample {
        let result: Result<ProcessSample, ParseError> = bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return .failure(ParseError("/proc/PID/stat", "no (name) field")) }
            return parseRecord(base, buffer.count, uid: uid, pageSize: pageSize)
        }
        return try result.get()
    }

    private static func parseRecord(_ p: UnsafePointer<UInt8>, _ count: Int, uid: UInt32, pageSize: UInt64) -> Result<ProcessSample, ParseError> {
        func fail(_ message: String) -> Result<ProcessSample, ParseError> { .failure(ParseError("/proc/PID/stat", message)) }
        var open = 0
        while open < count, p[open] != 0x28 { open += 1 }
        // After the name come only digits, spaces and the state letter, and a name is at most 64
        // bytes (kernel threads; 15 for others), so the last ')' lies within 66 bytes of the '('.
        var close = min(count - 1, open + 66)
        while close > open, p[close] != 0x29 { close -= 1 }
        guard open < count, close > open else { return fail("no (name) field") }
        var pid: Int64 = 0
        var digits = 0
        for i in 0..<open {
            let b = p[i]
            if b == 0x20 { continue }
            let d = b &- 0x30
            guard d < 10, digits < 10 else { return fail("bad pid") }
            pid = pid * 10 + Int64(d)
            digits += 1
        }
        guard digits > 0, pid > 0, pid <= Int64(Int32.max) else { return fail("bad pid") }
        let name = String(decoding: UnsafeBufferPointer(start: p + open + 1, count: close - open - 1), as: UTF8.self)
        var i = close + 1
        while i < count, p[i] == 0x20 { i += 1 }
        guard i < count, i + 1 >= count || p[i + 1] == 0x20 || p[i + 1] == 0x0A else { return fail("bad state field") }
        let state = p[i]
        i += 1
        // Fields 4…24 (1-based as in proc(5)); we keep ppid, utime, stime, nice, threads, starttime, vsize, rss.
        var ppid: Int64 = 0, utime: Int64 = 0, stime: Int64 = 0, nice: Int64 = 0, threads: Int64 = 0
        var start: Int64 = 0, vsize: Int64 = 0, rss: Int64 = 0
        for n in 4...24 {
            while i < count, p[i] == 0x20 { i += 1 }
            var negative = false
            if i < count, p[i] == 0x2D {
                negative = true
                i += 1
            }
            var value: UInt64 = 0
            var length = 0
            while i < count {
                let d = p[i] &- 0x30
                if d >= 10 { break }
                value = value &* 10 &+ UInt64(d)
                length += 1
                i += 1
            }
            guard length > 0, length <= 19, i == count || p[i] == 0x20 || p[i] == 0x0A else {
                return fail("truncated after \(n - 1) fields")
            }
            // Nineteen digits fit UInt64 without wrapping; past Int64 no field of a real kernel goes.
            guard let magnitude = Int64(exactly: value) else { return fail("field \(n) out of range") }
            let v = negative ? -magnitude : magnitude
            switch n {
            case 4: ppid = v
            case 14: utime = v
            case 15: stime = v
            case 19: nice = v
            case 20: threads = v
            case 22: start = v
            case 23: vsize = v
            case 24: rss = v
            default: break
            }
        }
        return .success(ProcessSample(
            pid: Int32(pid), name: name, state: state, ppid: Int32(truncatingIfNeeded: ppid),
            utimeTicks: UInt64(max(utime, 0)), stimeTicks: UInt64(max(stime, 0)),
            nice: Int32(truncatingIfNeeded: nice), threads: Int32(truncatingIfNeeded: threads),
            startTicks: UInt64(max(start, 0)), virtualBytes: UInt64(bitPattern: max(vsize, 0)),
            residentBytes: UInt64(max(rss, 0)) &* pageSize, uid: uid
        ))
    }
}
