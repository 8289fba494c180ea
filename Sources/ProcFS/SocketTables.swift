import VitalsCore

/// Parsers for the socket tables: /proc/net/tcp{,6} and /proc/net/sockstat{,6}.
public enum SocketTables {
    /// Adds the TCP sockets of one table to `counts` (indexed like `SocketSummary.tcpStateNames`).
    ///
    /// Each line after the header is `sl: local remote st …` with the state in hexadecimal.
    public static func countTCPStates(_ bytes: ArraySlice<UInt8>, into counts: inout [Int]) throws(ParseError) {
        try ByteCursor.forEachLine(in: bytes, headerLines: 1) { (c: inout ByteCursor, line: Int) throws(ParseError) in
            _ = c.token()
            _ = c.token()
            _ = c.token()
            let state = c.token()
            guard state.count == 2, let value = UInt8(ByteCursor.string(state), radix: 16) else {
                throw ParseError("/proc/net/tcp", line: line, "bad state field")
            }
            let index = Int(value) - 1
            if index >= 0, index < counts.count { counts[index] += 1 }
        }
    }

    /// The `inuse` count of the `UDP:` (or `UDP6:`) line of a sockstat file, or nil.
    public static func udpInUse(_ bytes: ArraySlice<UInt8>, label: StaticString) -> Int? {
        var result: Int?
        try? ByteCursor.forEachLine(in: bytes) { (c: inout ByteCursor, _: Int) throws(ParseError) in
            guard ByteCursor.equals(c.token(), label), ByteCursor.equals(c.token(), "inuse"), let n = c.uint64() else { return }
            // A count past Int.max is not a count (a hostile or damaged file): no figure.
            result = Int(exactly: n)
        }
        return result
    }
}
