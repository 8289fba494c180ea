extension DashboardModel {
    /// One firing alert as the banner shows it.
    public struct BannerAlert: Sendable, Equatable {
        public enum Severity: String, Sendable {
            case info, warning, critical

            var rank: Int { self == .critical ? 2 : self == .warning ? 1 : 0 }
            var label: String { rawValue.uppercased() }
        }

        public var name: String
        public var severity: Severity
        /// Seconds since it started firing.
        public var age: Double
        /// Label sets firing under this rule (one per filesystem, say).
        public var count: Int

        public init(name: String, severity: Severity, age: Double, count: Int = 1) {
            self.name = name
            self.severity = severity
            self.age = age
            self.count = count
        }
    }
}
