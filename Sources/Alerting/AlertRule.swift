/// One configured rule: a condition and how it fires, clears and notifies.
public struct AlertRule: Sendable, Equatable {
    public var name: String
    public var expr: AlertExpr
    /// How long the condition must hold before the alert fires.
    public var holdFor: Double
    /// How long a firing alert keeps firing after the condition stops holding.
    public var keepFiringFor: Double
    /// Hysteresis: once firing, the alert stays firing while `value comparison clear` holds
    /// (for `load > 4` with `clear: 3`, until the load falls to 3). Nil: the threshold itself.
    public var clear: Double?
    /// Least time between two notifications that the same alert fires (repeats included).
    public var cooldown: Double
    public var severity: AlertSeverity
    /// Extra labels, added to every alert of the rule.
    public var labels: [String: String]
    public var summary: String?
    public var description: String?

    public init(
        name: String, expr: AlertExpr, holdFor: Double = 0, keepFiringFor: Double = 0, clear: Double? = nil, cooldown: Double = 3600,
        severity: AlertSeverity = .warning, labels: [String: String] = [:], summary: String? = nil, description: String? = nil
    ) {
        self.name = name
        self.expr = expr
        self.holdFor = holdFor
        self.keepFiringFor = keepFiringFor
        self.clear = clear
        self.cooldown = cooldown
        self.severity = severity
        self.labels = labels
        self.summary = summary
        self.description = description
    }

    /// Whether `value` keeps an alert that is already firing alive.
    func stillHolds(_ value: Double) -> Bool {
        expr.comparison.holds(value, clear ?? expr.threshold)
    }
}
