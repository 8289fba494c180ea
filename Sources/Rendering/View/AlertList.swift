extension DashboardModel {
    /// `a`: the alerts list, most severe and active first, then recently resolved ones.
    public struct AlertList: Sendable, Equatable {
        public struct Row: Sendable, Equatable {
            public var severity: BannerAlert.Severity
            /// pending, firing, no data, resolved.
            public var state: String
            public var name: String
            /// The labels other than alertname and severity.
            public var labels: String
            /// Since it began (active) or since it resolved.
            public var age: Double
            public var value: String
            public var summary: String
            /// "silenced 59m" while a silence covers it.
            public var silenced: String?

            public init(severity: BannerAlert.Severity, state: String, name: String, labels: String, age: Double, value: String, summary: String, silenced: String? = nil) {
                self.severity = severity
                self.state = state
                self.name = name
                self.labels = labels
                self.age = age
                self.value = value
                self.summary = summary
                self.silenced = silenced
            }
        }

        public var rows: [Row]
        public var selected: Int
        /// While `s` is choosing: the durations and the one marked.
        public var silenceChoices: [String]
        public var silenceChoice: Int?
        /// Rules evaluated, notifier health, where the history is.
        public var footer: String

        public init(rows: [Row], selected: Int, silenceChoices: [String] = [], silenceChoice: Int? = nil, footer: String = "") {
            self.rows = rows
            self.selected = selected
            self.silenceChoices = silenceChoices
            self.silenceChoice = silenceChoice
            self.footer = footer
        }
    }
}
