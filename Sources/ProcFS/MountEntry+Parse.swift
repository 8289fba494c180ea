import VitalsCore

extension MountEntry {
    /// Parses /proc/self/mounts (fstab format); `\040`-style octal escapes are decoded.
    public static func parseAll(_ bytes: ArraySlice<UInt8>) throws(ParseError) -> [MountEntry] {
        var result: [MountEntry] = []
        try ByteCursor.forEachLine(in: bytes) { (c: inout ByteCursor, line: Int) throws(ParseError) in
            let device = c.token(), mountPoint = c.token(), fsType = c.token(), options = c.token()
            guard !device.isEmpty, !mountPoint.isEmpty, !fsType.isEmpty else {
                throw ParseError("/proc/self/mounts", line: line, "expected device, mount point and type")
            }
            result.append(MountEntry(
                device: unescape(device), mountPoint: unescape(mountPoint),
                fsType: ByteCursor.string(fsType), options: ByteCursor.string(options)
            ))
        }
        return result
    }

    /// Decodes the kernel's octal escapes (`\040` space, `\011` tab, `\012` newline, `\134` backslash).
    static func unescape(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(0x5C) else { return ByteCursor.string(bytes) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            if bytes[i] == 0x5C, bytes.endIndex - i >= 4 {
                let d = (bytes[i + 1] &- 0x30, bytes[i + 2] &- 0x30, bytes[i + 3] &- 0x30)
                if d.0 < 4, d.1 < 8, d.2 < 8 {
                    out.append(d.0 << 6 | d.1 << 3 | d.2)
                    i += 4
                    continue
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
