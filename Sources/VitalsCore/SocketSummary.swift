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

    public init(tcpStates: [Int] = Array(repeating: 0, count: SocketSummary.tcpStateNames.count), udpInUse: Int? = nil, udp6InUse: Int? = nil) {
        self.tcpStates = tcpStates
        self.udpInUse = udpInUse
        self.udp6InUse = udp6InUse
    }

    public func tcpCount(_ state: String) -> Int {
        SocketSummary.tcpStateNames.firstIndex(of: state).map { tcpStates[$0] } ?? 0
    }
}
