extension DashboardModel {
    public struct Status: Sendable, Equatable {
        public var host: String
        public var uptime: String
        public var clock: String
        public var interval: String
        public var selfCPU: Double?
        public var selfRSS: UInt64?
        /// Collectors that failed on the latest tick, with their errors.
        public var problems: [String]
        /// Bytes the history store holds (`vitals_store_bytes`).
        public var storeBytes: Int?
        /// Lasting conditions worth a word (history file moved aside, read-only, failing).
        /// The outcome of the last key (a signal sent, a refusal, a key vitals does not have): shown
        /// right after the host, before the figures, until the next key.
        public var flash: String?
        public var notices: [String] = []
        /// Space froze the panes.
        public var frozen = false
        /// Where this process serves /metrics and the API (`--serve`).
        public var serving: String?
        /// Time travel: the past moment the panes show (`HH:MM:SS`); nil when live.
        public var past: String?
        /// `g`: the time being typed.
        public var jumpText: String?
        /// `vitals attach`: the link to the remote agent (nil when the panes are this host's).
        public var remote: RemoteLink?

        public init(host: String, uptime: String, clock: String, interval: String, selfCPU: Double?, selfRSS: UInt64?, problems: [String] = []) {
            self.host = host
            self.uptime = uptime
            self.clock = clock
            self.interval = interval
            self.selfCPU = selfCPU
            self.selfRSS = selfRSS
            self.problems = problems
        }
    }

    /// What the status line says about a remote agent's connection.
    public struct RemoteLink: Sendable, Equatable {
        /// `REMOTE`, or `DISCONNECTED 0:42 · retry in 5 s`.
        public var text: String
        /// Drawn as a warning.
        public var down: Bool

        public init(text: String, down: Bool) {
            self.text = text
            self.down = down
        }
    }
}
