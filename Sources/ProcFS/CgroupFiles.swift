/// Parsers for cgroup v2 interface files.
public enum CgroupFiles {
    /// `cpu.stat`: the `usage_usec` line.
    public static func cpuUsageMicroseconds(_ bytes: ArraySlice<UInt8>) -> UInt64? {
        keyedValue(bytes, "usage_usec")
    }

    /// `memory.current` or `memory.max`: a number, or nil for `max` (unlimited).
    public static func bytesOrMax(_ bytes: ArraySlice<UInt8>) -> UInt64? {
        var c = ByteCursor(bytes)
        return c.uint64()
    }

    /// `io.stat`: `rbytes` and `wbytes` summed over every device line.
    public static func ioBytes(_ bytes: ArraySlice<UInt8>) -> (read: UInt64, write: UInt64) {
        var read: UInt64 = 0, write: UInt64 = 0
        try? ByteCursor.forEachLine(in: bytes) { (c: inout ByteCursor, _: Int) throws(ParseError) in
            _ = c.token()
            while !c.isAtLineEnd() {
                let pair = c.token()
                guard let eq = pair.firstIndex(of: 0x3D) else { continue }
                var value = ByteCursor(pair[(eq + 1)...])
                let key = pair[pair.startIndex..<eq]
                if ByteCursor.equals(key, "rbytes") { read &+= value.uint64() ?? 0 }
                if ByteCursor.equals(key, "wbytes") { write &+= value.uint64() ?? 0 }
            }
        }
        return (read, write)
    }

    /// `cpu.max`: `quota period` → cores (quota / period), or nil for `max` (unlimited).
    public static func cpuCores(_ bytes: ArraySlice<UInt8>) -> Double? {
        var c = ByteCursor(bytes)
        guard let quota = c.uint64(), let period = c.uint64(), period > 0 else { return nil }
        return Double(quota) / Double(period)
    }

    /// The value after `key` on its line (`key value`).
    static func keyedValue(_ bytes: ArraySlice<UInt8>, _ key: String) -> UInt64? {
        var result: UInt64?
        try? ByteCursor.forEachLine(in: bytes) { (c: inout ByteCursor, _: Int) throws(ParseError) in
            if ByteCursor.string(c.token()) == key { result = c.uint64() }
        }
        return result
    }

    /// ZFS `arcstats` (`name type data` rows after two header lines): the `size` row.
    public static func zfsARCSize(_ bytes: ArraySlice<UInt8>) -> UInt64? {
        var result: UInt64?
        try? ByteCursor.forEachLine(in: bytes, headerLines: 2) { (c: inout ByteCursor, _: Int) throws(ParseError) in
            guard ByteCursor.equals(c.token(), "size") else { return }
            _ = c.token()
            result = c.uint64()
        }
        return result
    }
}

/// Single-value sysfs files (`12345\n`, `up\n`).
public enum SysfsValue {
    public static func integer(_ bytes: ArraySlice<UInt8>) -> Int64? {
        var c = ByteCursor(bytes)
        return c.int64()
    }

    /// A signed or hexadecimal number (`-1`, `0x1003`, `4`).
    public static func number(_ bytes: ArraySlice<UInt8>) -> Double? {
        let text = self.text(bytes)
        if text.hasPrefix("0x") { return UInt64(text.dropFirst(2), radix: 16).map { Double($0) } }
        return Int64(text).map { Double($0) }
    }

    public static func text(_ bytes: ArraySlice<UInt8>) -> String {
        var end = bytes.endIndex
        while end > bytes.startIndex, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x20 { end -= 1 }
        return ByteCursor.string(bytes[bytes.startIndex..<end])
    }
}
