extension DashboardModel {
    public struct Memory: Sendable, Equatable {
        public var total: UInt64
        /// total − available: the one definition of "used".
        public var used: UInt64
        public var available: UInt64
        /// Page cache plus buffers.
        public var cached: UInt64
        public var free: UInt64
        public var swapTotal: UInt64
        public var swapUsed: UInt64
        /// Used fraction history, oldest first.
        public var history: GraphHistory
        public var error: String?
        public var swapInPagesPerSecond: Double?
        public var swapOutPagesPerSecond: Double?
        public var majorFaultsPerSecond: Double?
        /// Memory pressure (some, avg10, %).
        public var pressurePercent: Double?
        /// vitals' own cgroup memory limit, when it has one.
        public var limitBytes: UInt64?
        /// The figures are not known (shown as "-", in the rows they will fill): the first frame,
        /// drawn from the history file before the first reading, or a past moment with nothing
        /// recorded. The graph is history.
        public var pending = false

        public init(total: UInt64, used: UInt64, available: UInt64, cached: UInt64, free: UInt64, swapTotal: UInt64, swapUsed: UInt64, history: GraphHistory, error: String? = nil) {
            self.total = total
            self.used = used
            self.available = available
            self.cached = cached
            self.free = free
            self.swapTotal = swapTotal
            self.swapUsed = swapUsed
            self.history = history
            self.error = error
        }
    }
}
