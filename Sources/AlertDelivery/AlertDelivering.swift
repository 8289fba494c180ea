import AlertJournal

/// What sends the outbox, as `AlertService` sees it. In `vitals-agent` (and so the agent and
/// `--serve`) that is `AlertDeliverer` in the same process; in `vitals` a `vitals-agent deliver`
/// child that drains the same outbox, so HTTP, TLS and Foundation stay out of the dashboard.
public protocol AlertDelivering: Sendable {
    func start()
    /// Something was queued: look now.
    func poke()
    func stop()
    /// Each notifier's record, for the status line.
    var health: [NotifierHealth] { get }
}

/// Makes the deliverer for a writer's journal (see `AlertService`).
public typealias AlertDeliveryFactory = @Sendable (_ notifiers: [NotifierSpec], _ journal: AlertJournal, _ clock: @escaping @Sendable () -> Double) -> any AlertDelivering
