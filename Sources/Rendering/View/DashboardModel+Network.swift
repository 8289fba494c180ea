extension DashboardModel {
    public struct Interface: Sendable, Equatable {
        public var name: String
        public var receivePerSecond: Double?
        public var transmitPerSecond: Double?
        public var receiveHistory: GraphHistory
        public var transmitHistory: GraphHistory
        /// Receive + transmit errors and drops per second (shown only when non-zero).
        public var errorsPerSecond: Double?
        public var dropsPerSecond: Double?
        /// True when sysfs says the link is down.
        public var isDown = false
        public init(name: String, receivePerSecond: Double?, transmitPerSecond: Double?, receiveHistory: GraphHistory, transmitHistory: GraphHistory) {
            self.name = name
            self.receivePerSecond = receivePerSecond
            self.transmitPerSecond = transmitPerSecond
            self.receiveHistory = receiveHistory
            self.transmitHistory = transmitHistory
        }
    }

    public struct Network: Sendable, Equatable {
        public var interfaces: [Interface]
        public var error: String?
        /// TCP sockets by state, in the order shown (`est 12`, `tw 3` …); empty when not read.
        public var tcpStates: [(label: String, count: Int)] = []

        public static func == (a: Network, b: Network) -> Bool {
            a.interfaces == b.interfaces && a.error == b.error
                && a.tcpStates.elementsEqual(b.tcpStates) { $0.label == $1.label && $0.count == $1.count }
        }
        public init(interfaces: [Interface], error: String? = nil) {
            self.interfaces = interfaces
            self.error = error
        }
    }
}
