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
            let now = clock()
            let entries = (try? journal.due(notifier: notifier.id, now: now, limit: 256)) ?? []
            var members: [NotificationGroups.Member] = []
            for entry in entries {
                // A row no decoder can read would wait forever: it is given up, saying why.
                guard let message = try? JSONDecoder().decode(AlertMessage.self, from: Data(entry.messageJSON.utf8)) else {
                    try? journal.markFailed(entry.id, error: "the queued message is not readable JSON", at: now, retryAt: nil)
                    continue
                }
                members.append(.init(entry: entry, message: message))
            }
            let plan = NotificationGroups.plan(members, groupWait: notifier.groupWait, now: now)
            for group in plan.ready {
                if stopping { return }
                deliver(group, via: notifier)
            }
            if !plan.ready.isEmpty || members.count < entries.count { continue }
            // Rows held for their group are due already: the wait is for the group, or for a retry.
            let next = (try? journal.nextDue(notifier: notifier.id)) ?? nil
            let until = [next.flatMap { $0 > now ? $0 : nil }, plan.heldUntil].compactMap { $0 }.min() ?? .infinity
            _ = wake.wait(timeout: .now() + max(0.01, min(30, until - now)))
        }
    }

    private func deliver(_ group: [NotificationGroups.Member], via notifier: NotifierSpec) {
        guard let first = group.first else { return }
        let result = Self.send(group.map(\.message), via: notifier, http: http)
        let now = clock()
        switch result {
        case .delivered:
            for member in group { try? journal.markDelivered(member.entry.id, at: now) }
            state.withLock {
                $0.health[notifier.id]?.delivered += 1
                $0.health[notifier.id]?.failuresInARow = 0
                $0.health[notifier.id]?.lastError = nil
            }
        case let .failed(error), let .refused(error):
            var permanent = false
            if case .refused = result { permanent = true }
            // The group is retried together: as often as its most tried row, until its oldest gives up.
            let attempts = group.map(\.entry.attempts).max() ?? first.entry.attempts
            let createdAt = group.map(\.entry.createdAt).min() ?? first.entry.createdAt
            let retry = policy.nextAttempt(after: attempts + 1, createdAt: createdAt, now: now, permanent: permanent, unit: Double.random(in: 0..<1))
            for member in group { try? journal.markFailed(member.entry.id, error: error, at: now, retryAt: retry) }
            state.withLock {
                $0.health[notifier.id]?.failures += 1
                $0.health[notifier.id]?.failuresInARow += 1
                $0.health[notifier.id]?.lastError = error
                if retry == nil { $0.health[notifier.id]?.givenUp += 1 }
            }
        }
    }

    /// One attempt, in the notifier's format: one notification of `messages` (one alert, or a
    /// rule's alerts grouped).
    static func send(_ messages: [AlertMessage], via notifier: NotifierSpec, http: HTTPSender?) -> SendResult {
        guard let first = messages.first else { return .delivered }
        let key = NotificationGroups.key(messages)
        switch notifier.kind {
        case .webhook:
            guard let http, let url = notifier.url else { return .refused("no url configured") }
            let headers = [("Idempotency-Key", key)] + notifier.headers.map { ($0.name, $0.value) }
            return http.post(url: url, body: WebhookFormat.body(messages, externalURL: notifier.link), headers: headers, timeout: notifier.timeout)
        case .slack:
            guard let http, let url = notifier.url else { return .refused("no url configured") }
            let body = SlackFormat.body(messages, mention: notifier.mention, mentionSeverities: notifier.mentionSeverities)
            return http.post(url: url, body: body, headers: [("Idempotency-Key", key)], timeout: notifier.timeout)
        case .email:
            let from = notifier.from ?? "vitals@\(first.host)"
            let text = EmailFormat.message(messages, from: from, to: notifier.to, link: notifier.link)
            if let smtp = notifier.smtp {
                return SMTPSender.send(text, from: from, to: notifier.to, via: smtp, timeout: notifier.timeout)
            }
            return CommandSender.run(notifier.command, input: Array(text.utf8), timeout: notifier.timeout)
        case .command:
            let env = [
                "VITALS_ALERT_STATUS": first.status.rawValue, "VITALS_ALERT_NAME": first.rule, "VITALS_ALERT_SEVERITY": first.severity.rawValue,
                "VITALS_ALERT_SUMMARY": first.summary, "VITALS_ALERT_KEY": key, "VITALS_ALERT_COUNT": String(messages.count),
            ]
            return CommandSender.run(notifier.command, input: WebhookFormat.body(messages, externalURL: notifier.link), environment: env, timeout: notifier.timeout)
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
