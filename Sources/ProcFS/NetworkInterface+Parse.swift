import VitalsCore

extension NetworkInterface {
    /// Parses /proc/net/dev: two header lines, then `name: 8 receive and 8 transmit counters`.
    public static func parseAll(_ bytes: ArraySlice<UInt8>) throws(ParseError) -> [NetworkInterface] {
        var result: [NetworkInterface] = []
        try ByteCursor.forEachLine(in: bytes, headerLines: 2) { (c: inout ByteCursor, line: Int) throws(ParseError) in
            c.skipBlanks()
            guard let name = c.upTo(0x3A), !name.isEmpty else {
                throw ParseError("/proc/net/dev", line: line, "expected `interface:`")
            }
            var v: [UInt64] = []
            v.reserveCapacity(16)
            while !c.isAtLineEnd() {
                guard let x = c.uint64() else { throw ParseError("/proc/net/dev", line: line, "bad counter") }
                v.append(x)
            }
            guard v.count >= 16 else {
                throw ParseError("/proc/net/dev", line: line, "\(v.count) counters, expected 16")
            }
            result.append(NetworkInterface(
                name: ByteCursor.string(name), receiveBytes: v[0], receivePackets: v[1], receiveErrors: v[2], receiveDrops: v[3],
                transmitBytes: v[8], transmitPackets: v[9], transmitErrors: v[10], transmitDrops: v[11]
            ))
            result[result.count - 1].otherCounters = Array(v[4...7]) + Array(v[12...15])
        }
        return result
    }
}
