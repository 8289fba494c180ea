/// Parsers for the per-process files read only for rows on screen: cmdline, io, cgroup.
public enum ProcessFiles {
    /// `/proc/PID/cmdline`: arguments separated by NUL; nil when empty (kernel threads, zombies).
    public static func commandLine(_ bytes: ArraySlice<UInt8>) -> String? {
        var end = bytes.endIndex
        while end > bytes.startIndex, bytes[end - 1] == 0 { end -= 1 }
        guard end > bytes.startIndex else { return nil }
        return String(decoding: bytes[bytes.startIndex..<end].map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
    }

    /// `/proc/PID/environ`: `NAME=value` entries separated by NUL, in the process's order; empty
    /// entries are skipped. Raw bytes: sanitise before display.
    public static func environment(_ bytes: ArraySlice<UInt8>) -> [String] {
        bytes.split(separator: 0, omittingEmptySubsequences: true).map { String(decoding: $0, as: UTF8.self) }
    }

    /// `/proc/PID/io`: the `read_bytes` and `write_bytes` lines (bytes that reached the block layer).
    public static func io(_ bytes: ArraySlice<UInt8>) throws(ParseError) -> (read: UInt64, write: UInt64) {
        var read: UInt64?, write: UInt64?
        try ByteCursor.forEachLine(in: bytes) { (c: inout ByteCursor, line: Int) throws(ParseError) in
            guard let key = c.upTo(0x3A) else { throw ParseError("/proc/PID/io", line: line, "expected `name: value`") }
            if ByteCursor.equals(key, "read_bytes") { read = c.uint64() }
            if ByteCursor.equals(key, "write_bytes") { write = c.uint64() }
        }
        guard let read, let write else { throw ParseError("/proc/PID/io", "no read_bytes/write_bytes") }
        return (read, write)
    }

    /// `/proc/PID/cgroup`: the cgroup v2 path (the `0::/path` line), or nil on a v1-only system.
    public static func cgroupV2Path(_ bytes: ArraySlice<UInt8>) -> String? {
        var result: String?
        try? ByteCursor.forEachLine(in: bytes) { (c: inout ByteCursor, _: Int) throws(ParseError) in
            guard ByteCursor.equals(c.upTo(0x3A) ?? [][...], "0"), c.upTo(0x3A)?.isEmpty == true else { return }
            let start = c.index
            while let b = c.peek, b != 0x0A { c.index += 1 }
            result = ByteCursor.string(c.bytes[start..<c.index])
        }
        return result
    }
}
