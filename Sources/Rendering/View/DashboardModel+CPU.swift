extension DashboardModel {
    public struct CPU: Sendable, Equatable {
        /// Busy fraction 0…1 of the whole machine.
        public var busy: Double?
        public var user: Double?
        public var system: Double?
        public var iowait: Double?
        public var steal: Double?
        /// Busy fraction history, oldest first.
        public var history: GraphHistory
        /// `m`: the history split by mode instead (nil when the plain graph is shown).
        public var modes: Modes?
        public var cores: [Core]
        public var load: Load?
        public var error: String?
        /// Average core frequency, hottest temperature, CPU pressure (some, avg10, %) and a cgroup limit.
        public var frequencyHertz: Double?
        public var hottestCelsius: Double?
        public var pressurePercent: Double?
        public var limitCores: Double?
        /// Time travel: the time axis under the graph, its right edge the moment shown.
        public var axis: TimeAxis?

        public init(busy: Double?, user: Double? = nil, system: Double? = nil, iowait: Double? = nil, steal: Double? = nil,
                    history: GraphHistory, cores: [Core], load: Load?, error: String? = nil) {
            self.busy = busy
            self.user = user
            self.system = system
            self.iowait = iowait
            self.steal = steal
            self.history = history
            self.cores = cores
            self.load = load
            self.error = error
        }

        /// The mode split over time, grouped as vmstat does: user includes nice, system includes irq
        /// and softirq; iowait and steal on their own. Each a fraction of all CPU time.
        public struct Modes: Sendable, Equatable {
            public var user: GraphHistory
            public var system: GraphHistory
            public var iowait: GraphHistory
            public var steal: GraphHistory
            public init(user: GraphHistory, system: GraphHistory, iowait: GraphHistory, steal: GraphHistory) {
                self.user = user
                self.system = system
                self.iowait = iowait
                self.steal = steal
            }
        }

        public struct Core: Sendable, Equatable {
            public var id: Int
            public var busy: Double?
            /// The last few ticks, oldest first, for the mini sparkline beside the meter.
            public var recent: [Double?] = []
            public init(id: Int, busy: Double?) {
                self.id = id
                self.busy = busy
            }
        }

        public struct Load: Sendable, Equatable {
            public var one: Double
            public var five: Double
            public var fifteen: Double
            public init(one: Double, five: Double, fifteen: Double) {
                self.one = one
                self.five = five
                self.fifteen = fifteen
            }
        }
    }
}
