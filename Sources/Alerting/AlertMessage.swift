/// A notification as queued in the outbox and handed to a notifier: everything the webhook,
/// Slack and email formats need, fixed at the moment the engine asked for it.
public struct AlertMessage: Codable, Sendable, Equatable {
    public var status: AlertNotification.Status
    public var rule: String
    public var severity: AlertSeverity
    public var labels: [String: String]
    public var summary: String
    public var description: String
    /// When the condition first held (seconds since the epoch).
    public var startsAt: Double
    /// When it resolved (nil while firing).
    public var endsAt: Double?
    public var fingerprint: String
    public var value: Double?
    public var host: String
    /// Stays the same across retries and restarts (sent as the Idempotency-Key header).
    public var key: String
    /// The rule's condition and threshold (nil in rows queued by an older vitals).
    public var condition: String?
    public var threshold: Double?

    public init(_ notification: AlertNotification, host: String) {
        let instance = notification.instance
        status = notification.status
        rule = instance.rule
        severity = instance.severity
        labels = instance.labels.dictionary
        summary = notification.summary
        description = notification.description
        startsAt = instance.activeSince
        endsAt = notification.status == .resolved ? instance.resolvedAt ?? notification.time : nil
        fingerprint = instance.fingerprint
        value = instance.value
        self.host = host
        key = notification.idempotencyKey
        condition = notification.condition.isEmpty ? nil : notification.condition
        threshold = notification.threshold
    }
}
