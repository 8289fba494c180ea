/// A silence: no notifications and no banner for one alert (by fingerprint) until a time.
public struct AlertSilence: Sendable, Equatable {
    public var fingerprint: String
    public var rule: String
    public var labels: String
    public var from: Double
    public var until: Double

    public init(fingerprint: String, rule: String, labels: String, from: Double, until: Double) {
        self.fingerprint = fingerprint
        self.rule = rule
        self.labels = labels
        self.from = from
        self.until = until
    }

    public func covers(_ instance: AlertInstance, at time: Double) -> Bool {
        instance.fingerprint == fingerprint && from <= time && time < until
    }
}
