/// One alert: a rule and one label set, through one episode (from the condition first holding to
/// the resolution).
public struct AlertInstance: Sendable, Equatable {
    public var rule: String
    public var labels: AlertLabels
    public var severity: AlertSeverity
    public var phase: AlertPhase
    /// When the condition first held (Alertmanager's startsAt).
    public var activeSince: Double
    public var firedAt: Double?
    public var resolvedAt: Double?
    /// The last evaluation at which the condition held (for keep_firing_for).
    public var lastHeldAt: Double
    /// Since when the series has been missing (nodata).
    public var missingSince: Double?
    /// The operand's newest value.
    public var value: Double?
    /// Whether a firing notification went out this episode (so its resolution goes out too).
    public var notified = false
    /// Firing notifications queued this episode (first one and repeats).
    public var notifications = 0

    public init(rule: String, labels: AlertLabels, severity: AlertSeverity, phase: AlertPhase, activeSince: Double, value: Double?) {
        self.rule = rule
        self.labels = labels
        self.severity = severity
        self.phase = phase
        self.activeSince = activeSince
        self.lastHeldAt = activeSince
        self.value = value
    }

    public var fingerprint: String { labels.fingerprint }
}
