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

    /// The bytes queued on every UDP socket of one table (/proc/net/udp or udp6), as
    /// node_exporter's udp_queues collector sums them: each line's `tx_queue:rx_queue` field, in
    /// hexadecimal, after `sl: local remote st`.
    public static func udpQueues(_ bytes: ArraySlice<UInt8>) throws(ParseError) -> SocketSummary.UDPQueues {
        var total = SocketSummary.UDPQueues(transmit: 0, receive: 0)
        try ByteCursor.forEachLine(in: bytes, headerLines: 1) { (c: inout ByteCursor, line: Int) throws(ParseError) in
            _ = c.token()
            _ = c.token()
            _ = c.token()
            _ = c.token()
            let queues = ByteCursor.string(c.token())
            let parts = queues.split(separator: ":")
            guard parts.count == 2, let tx = UInt64(parts[0], radix: 16), let rx = UInt64(parts[1], radix: 16) else {
                throw ParseError("/proc/net/udp", line: line, "bad tx_queue:rx_queue field")
            }
            total.transmit &+= tx
            total.receive &+= rx
        }
        return total
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
