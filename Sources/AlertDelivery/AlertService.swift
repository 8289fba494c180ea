import AlertJournal
import Alerting
import SeriesStore
import VitalsCore

/// Alerting as the dashboard and the agent run it: each tick evaluates every rule over the store,
/// steps the state machine, records what changed in the journal, queues notifications in its
/// outbox and wakes the deliverer, and writes `ALERTS{alertname,alertstate,...}` into the store.
///
/// Called from one thread (the run loop). The journal write happens only on a tick that changed
/// something; the sending happens on the deliverer's threads.
public final class AlertService {
    public private(set) var configuration: AlertConfiguration
    public private(set) var state: AlertEngineState
    public let journal: AlertJournal?
    public private(set) var deliverer: (any AlertDelivering)?
    private var runner: AlertRuleRunner
    private let clock: @Sendable () -> Double
    /// Problems worth a word in the status line (journal errors); the newest last.
    public var notices: [String] { ownNotices + journalFailures.messages }
    private var ownNotices: [String] = []
    /// The background journal writes' errors (the newest five; cleared by a write that succeeds).
    private let journalFailures = JournalFailures()
    private var lastPrune: Double = 0

    /// `delivery` makes the deliverer when there are notifiers and this process writes the journal
    /// (nil: notifications are queued in the outbox and nothing sends them).
    public init(
        configuration: AlertConfiguration, journal: AlertJournal?, now: Double, clock: @escaping @Sendable () -> Double, delivery: AlertDeliveryFactory? = nil
    ) {
        self.configuration = configuration
        self.journal = journal
        self.clock = clock
        runner = AlertRuleRunner(rules: configuration.rules)
        ownNotices = (journal?.notices ?? []) + configuration.problems.map(\.description)
        do {
            state = try journal?.restoreState(now: now) ?? AlertEngineState()
        } catch {
            state = AlertEngineState()
            ownNotices.append(error.description)
        }
        if let journal, let delivery, !configuration.notifiers.isEmpty, journal.isWriter {
            deliverer = delivery(configuration.notifiers, journal, clock)
        }
    }

    /// Opens the journal in `directory` (nil: alerts are kept in memory only, and not sent).
    public static func open(
        configuration: AlertConfiguration, directory: String?, clock: @escaping @Sendable () -> Double, delivery: AlertDeliveryFactory? = nil
    ) -> AlertService {
        let now = clock()
        guard let directory else { return AlertService(configuration: configuration, journal: nil, now: now, clock: clock) }
        do {
            return AlertService(configuration: configuration, journal: try AlertJournal.open(directory: directory, now: now), now: now, clock: clock, delivery: delivery)
        } catch {
            let service = AlertService(configuration: configuration, journal: nil, now: now, clock: clock)
            service.ownNotices.append("alerts not recorded: \(error)")
            return service
        }
    }

    public func start() { deliverer?.start() }

    /// Writes what is queued for the journal, then stops the deliverer.
    public func stop() {
        journal?.drain()
        deliverer?.stop()
    }

    /// New rules (a configuration reload); notifiers change only at restart.
    public func reconfigure(_ new: AlertConfiguration) {
        ownNotices.removeAll { old in configuration.problems.contains { $0.description == old } }
        ownNotices += new.problems.map(\.description)
        configuration.rules = new.rules
        configuration.problems = new.problems
        runner = AlertRuleRunner(rules: new.rules)
    }

    /// One tick: `samples` are the tick's (counters included), already appended to `store`.
    @discardableResult
    public func evaluate(samples: [Sample], store: SeriesStore, now: Double, host: String) -> AlertEngine.Step {
        let values = runner.values(samples: samples, store: store, now: now)
        let step = AlertEngine.step(rules: configuration.rules, values: values, previous: state, now: now, host: host)
        state = step.state
        record(step, now: now, host: host)
        for instance in state.instances.values where instance.phase != .resolved {
            let alertState = instance.phase == .pending ? "pending" : "firing"
            var labels = instance.labels.pairs.map { SeriesKey.Label($0.name, $0.value) }
            labels.append(SeriesKey.Label("alertstate", alertState))
            if let id = store.id(for: SeriesKey("ALERTS", labels)) { store.record(1, for: id) }
        }
        return step
    }

    /// The step goes to the journal on the journal's own queue (no disk wait on the run loop's
    /// thread, nor under the agent's lock); the deliverer is woken once its outbox rows are there.
    private func record(_ step: AlertEngine.Step, now: Double, host: String) {
        guard let journal else { return }
        let notifiers = configuration.notifiers
        let deliverer = step.notifications.isEmpty ? nil : self.deliverer
        let failures = journalFailures
        journal.recordInBackground(transitions: step.transitions, notifications: step.notifications, host: host, now: now) { notification in
            notifiers.filter { $0.takes(notification.instance.severity) }.map(\.id)
        } then: { error in
            failures.note(error)
            deliverer?.poke()
        }
        if now - lastPrune > 3600 {
            lastPrune = now
            journal.pruneInBackground(now: now) { failures.note($0) }
        }
    }

    /// Silences one alert until `now + duration`, and records it (on the journal's queue; a
    /// failure shows among the notices).
    public func silence(_ instance: AlertInstance, for duration: Double, now: Double) {
        add(AlertSilence(fingerprint: instance.fingerprint, rule: instance.rule, labels: instance.labels.detail, from: now, until: now + duration))
    }

    /// A silence made elsewhere (the API's, by matchers), in force at once and recorded.
    public func add(_ silence: AlertSilence) {
        state.silences.append(silence)
        let failures = journalFailures
        journal?.addSilenceInBackground(silence) { failures.note($0) }
    }

    /// Lifts every silence that covers `instance` now: they end at `now`, here and in the journal.
    public func unsilence(_ instance: AlertInstance, now: Double) {
        for silence in state.silences where silence.covers(instance, at: now) { _ = endSilence(id: silence.id, now: now) }
    }

    /// Ends the silence `id` at `now`; returns it as it was, or nil when none by that id runs.
    @discardableResult
    public func endSilence(id: String, now: Double) -> AlertSilence? {
        guard let i = state.silences.firstIndex(where: { $0.id == id && $0.until > now }) else { return nil }
        let silence = state.silences[i]
        state.silences.remove(at: i)
        let failures = journalFailures
        journal?.endSilenceInBackground(id: id, at: now) { failures.note($0) }
        return silence
    }

    /// Notifiers failing three times in a row, as status-line text.
    public var unhealthyNotifiers: [String] {
        (deliverer?.health ?? []).filter { !$0.isHealthy }.map { "\($0.label) failing: \($0.lastError ?? "?")" }
    }
}
