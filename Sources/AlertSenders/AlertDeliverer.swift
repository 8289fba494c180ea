import AlertDelivery
import AlertJournal
import Alerting
import Dispatch
import Foundation
import Synchronization

/// Sends the outbox. Each notifier has a thread of its own that takes its due entries oldest
/// first, one at a time, and records the outcome; a dead or slow endpoint holds up only its own
/// queue, never a tick, a frame or another notifier. `poke()` after queuing wakes them at once;
/// otherwise each sleeps until its next retry is due (30 s at most).
///
/// Delivery is at least once: an entry is marked delivered only after the receiver said 2xx, so a
/// crash between the two sends it again, with the same Idempotency-Key header.
public final class AlertDeliverer: AlertDelivering {
    public let notifiers: [NotifierSpec]
    private let journal: AlertJournal
    private let http: HTTPSender?
    private let policy: RetryPolicy
    private let clock: @Sendable () -> Double
    private let wakeups: [DispatchSemaphore]
    private let state: Mutex<State>
    private let finished = DispatchGroup()

    struct State {
        var health: [String: NotifierHealth]
        var stopping = false
    }

    public init(notifiers: [NotifierSpec], journal: AlertJournal, policy: RetryPolicy = RetryPolicy(), clock: @escaping @Sendable () -> Double) {
        self.notifiers = notifiers
        self.journal = journal
        self.policy = policy
        self.clock = clock
        http = notifiers.contains { $0.kind == .webhook || $0.kind == .slack } ? HTTPSender() : nil
        wakeups = notifiers.map { _ in DispatchSemaphore(value: 0) }
        state = Mutex(State(health: Dictionary(notifiers.map { ($0.id, NotifierHealth(id: $0.id, label: $0.label)) }, uniquingKeysWith: { a, _ in a })))
    }

    /// Starts one thread per notifier (none for a reader: another vitals sends).
    public func start() {
        guard journal.isWriter else { return }
        try? journal.abandon(notifiersOtherThan: notifiers.map(\.id), at: clock())
        for (index, notifier) in notifiers.enumerated() {
            finished.enter()
            let thread = Thread { [self] in
                run(notifier, wake: wakeups[index])
                finished.leave()
            }
            thread.name = "vitals-notify-\(index)"
            thread.start()
        }
    }

    /// Wakes every notifier (something was queued).
    public func poke() {
        for wake in wakeups { wake.signal() }
    }

    /// Stops the threads, waiting up to two seconds for attempts in flight. What is still queued
    /// stays in the outbox for the next start.
    public func stop() { stop(grace: 2) }

    public func stop(grace: Double) {
        let already = state.withLock { s in
            defer { s.stopping = true }
            return s.stopping
        }
        guard !already else { return }
        poke()
        _ = finished.wait(timeout: .now() + grace)
        http?.shutdown()
    }

    public var health: [NotifierHealth] {
        state.withLock { s in notifiers.compactMap { s.health[$0.id] } }
    }

    private var stopping: Bool { state.withLock { $0.stopping } }

    private func run(_ notifier: NotifierSpec, wake: DispatchSemaphore) {
        while !stopping {
            let entries = (try? journal.due(notifier: notifier.id, now: clock())) ?? []
            for entry in entries {
                if stopping { return }
                deliver(entry, via: notifier)
            }
            if !entries.isEmpty { continue }
            let next = (try? journal.nextDue(notifier: notifier.id)) ?? nil
            let wait = max(0.01, min(30, (next ?? .infinity) - clock()))
            _ = wake.wait(timeout: .now() + wait)
        }
    }

    private func deliver(_ entry: OutboxEntry, via notifier: NotifierSpec) {
        // A row no decoder can read would wait forever: it is given up, saying why.
        guard let message = try? JSONDecoder().decode(AlertMessage.self, from: Data(entry.messageJSON.utf8)) else {
            try? journal.markFailed(entry.id, error: "the queued message is not readable JSON", at: clock(), retryAt: nil)
            return
        }
        let result = Self.send(message, via: notifier, http: http)
        let now = clock()
        switch result {
        case .delivered:
            try? journal.markDelivered(entry.id, at: now)
            state.withLock {
                $0.health[notifier.id]?.delivered += 1
                $0.health[notifier.id]?.failuresInARow = 0
                $0.health[notifier.id]?.lastError = nil
            }
        case let .failed(error), let .refused(error):
            var permanent = false
            if case .refused = result { permanent = true }
            let retry = policy.nextAttempt(after: entry.attempts + 1, createdAt: entry.createdAt, now: now, permanent: permanent, unit: Double.random(in: 0..<1))
            try? journal.markFailed(entry.id, error: error, at: now, retryAt: retry)
            state.withLock {
                $0.health[notifier.id]?.failures += 1
                $0.health[notifier.id]?.failuresInARow += 1
                $0.health[notifier.id]?.lastError = error
                if retry == nil { $0.health[notifier.id]?.givenUp += 1 }
            }
        }
    }

    /// One attempt, in the notifier's format.
    static func send(_ message: AlertMessage, via notifier: NotifierSpec, http: HTTPSender?) -> SendResult {
        switch notifier.kind {
        case .webhook:
            guard let http, let url = notifier.url else { return .refused("no url configured") }
            let headers = [("Idempotency-Key", message.key)] + notifier.headers.map { ($0.name, $0.value) }
            return http.post(url: url, body: WebhookFormat.body(message), headers: headers, timeout: notifier.timeout)
        case .slack:
            guard let http, let url = notifier.url else { return .refused("no url configured") }
            return http.post(url: url, body: SlackFormat.body(message, mention: notifier.mention, mentionSeverities: notifier.mentionSeverities), headers: [("Idempotency-Key", message.key)], timeout: notifier.timeout)
        case .email:
            let mailer = notifier.command.isEmpty ? ["/usr/sbin/sendmail", "-oi", "-t"] : notifier.command
            let from = notifier.from ?? "vitals@\(message.host)"
            let text = EmailFormat.message(message, from: from, to: notifier.to)
            return CommandSender.run(mailer, input: Array(text.utf8), timeout: notifier.timeout)
        case .command:
            let env = [
                "VITALS_ALERT_STATUS": message.status.rawValue, "VITALS_ALERT_NAME": message.rule, "VITALS_ALERT_SEVERITY": message.severity.rawValue,
                "VITALS_ALERT_SUMMARY": message.summary, "VITALS_ALERT_KEY": message.key,
            ]
            return CommandSender.run(notifier.command, input: WebhookFormat.body(message), environment: env, timeout: notifier.timeout)
        }
    }

    static func seconds(_ value: Double) -> String {
        value < 1 ? "\(Int(value * 1000)) ms" : (value == value.rounded() ? "\(Int(value)) s" : "\(value) s")
    }
}

extension AlertDeliverer {
    /// The in-process deliverer, for `AlertService`.
    public static let factory: AlertDeliveryFactory = { notifiers, journal, clock in
        AlertDeliverer(notifiers: notifiers, journal: journal, clock: clock)
    }
}
