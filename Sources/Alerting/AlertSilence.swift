/// A silence: no notifications and no banner, from `from` until `until`, for the alerts it covers.
///
/// The dashboard's `a` list silences one alert (by `fingerprint`); the API silences every alert
/// whose labels meet all its `matchers` (Alertmanager's kind, `alertname` among the labels), with
/// a comment and who made it. Each has an `id`, by which it is ended early.
public struct AlertSilence: Sendable, Equatable {
    public var id: String
    /// One alert's, or empty for a silence by matchers.
    public var fingerprint: String
    public var matchers: [AlertMatcher]
    public var rule: String
    public var labels: String
    public var from: Double
    public var until: Double
    public var comment: String
    public var createdBy: String

    public init(
        id: String = AlertSilence.newID(), fingerprint: String, rule: String, labels: String, from: Double, until: Double,
        matchers: [AlertMatcher] = [], comment: String = "", createdBy: String = ""
    ) {
        self.id = id
        self.fingerprint = fingerprint
        self.matchers = matchers
        self.rule = rule
        self.labels = labels
        self.from = from
        self.until = until
        self.comment = comment
        self.createdBy = createdBy
    }

    public func covers(_ instance: AlertInstance, at time: Double) -> Bool {
        guard from <= time, time < until else { return false }
        if !fingerprint.isEmpty { return instance.fingerprint == fingerprint }
        return !matchers.isEmpty && matchers.allSatisfy { $0.matches(instance.labels) }
    }

    /// 16 hex digits from the system's random source.
    public static func newID() -> String {
        var generator = SystemRandomNumberGenerator()
        let hex = String(generator.next() as UInt64, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
