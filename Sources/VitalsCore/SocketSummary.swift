/// TCP sockets by state (from /proc/net/tcp and tcp6) and UDP sockets in use (/proc/net/sockstat).
public struct SocketSummary: Sendable, Equatable {
    /// The kernel's TCP states, in its numbering (1 = established … 11 = closing).
    public static let tcpStateNames = [
        "established", "syn_sent", "syn_recv", "fin_wait1", "fin_wait2", "time_wait", "close", "close_wait",
        "last_ack", "listen", "closing",
    ]

    /// Counts indexed like `tcpStateNames`.
    public var tcpStates: [Int]
    public var udpInUse: Int?
    public var udp6InUse: Int?
    /// Bytes queued on UDP sockets, over IPv4 and IPv6 (node_udp_queues); nil without the table.
    public var udpQueues: UDPQueues?
    public var udp6Queues: UDPQueues?

    public struct UDPQueues: Sendable, Equatable {
        public var transmit: UInt64
        public var receive: UInt64

        public init(transmit: UInt64, receive: UInt64) {
            self.transmit = transmit
            self.receive = receive
        }
    }

    public init(tcpStates: [Int] = Array(repeating: 0, count: SocketSummary.tcpStateNames.count), udpInUse: Int? = nil, udp6InUse: Int? = nil) {
        self.tcpStates = tcpStates
        self.udpInUse = udpInUse
        self.udp6InUse = udp6InUse
    }

    public func tcpCount(_ state: String) -> Int {
        SocketSummary.tcpStateNames.firstIndex(of: state).map { tcpStates[$0] } ?? 0
    }
}
