import Alerting
import SQLiteAccess

/// One engine step as the journal writes it: its transitions, and each notification with the
/// notifiers that take it.
struct JournalStep: Sendable {
    var transitions: [AlertTransition]
    var notifications: [(notification: AlertNotification, notifiers: [String])]
    var host: String
    var now: Double
}

extension AlertJournal {
    /// Steps kept for a later write when recording fails; past this many the oldest go (a day of
    /// steps that each changed something is far more than a disk stays full unnoticed).
    static let unrecordedLimit = 1_000

    /// One engine step: its transitions and, for each notification, one outbox row per notifier
    /// that takes it (`route` names them). Nothing is written by a reader.
    ///
    /// When the write fails (a full disk), the step is kept and written, in order, with the next
    /// step's transaction, so a notification queued while the disk was full is still sent once
    /// there is room. (Outbox rows are keyed by notifier and message: writing a step twice queues
    /// nothing twice.)
    public func record(
        transitions: [AlertTransition], notifications: [AlertNotification], host: String, now: Double, route: (AlertNotification) -> [String]
    ) throws(AlertJournalError) {
        guard isWriter else { return }
        try commit(Self.step(transitions: transitions, notifications: notifications, host: host, now: now, route: route))
    }

    /// `record` on the file's own queue, after every write queued before it: the caller (the run
    /// loop, or the agent's tick under its lock) never waits for the disk. `then` runs there once
    /// the step is written, with nil, or with the error's message when it could not be (the step
    /// is then kept for the next one, as `record` keeps it).
    public func recordInBackground(
        transitions: [AlertTransition], notifications: [AlertNotification], host: String, now: Double, route: (AlertNotification) -> [String],
        then: @escaping @Sendable (String?) -> Void
    ) {
        guard isWriter else { return }
        let step = Self.step(transitions: transitions, notifications: notifications, host: host, now: now, route: route)
        inBackground({ () throws(AlertJournalError) in try self.commit(step) }, then: then)
    }

    /// `work` on the file's own queue; `then` gets nil, or the error's message.
    func inBackground(_ work: @escaping @Sendable () throws(AlertJournalError) -> Void, then: @escaping @Sendable (String?) -> Void) {
        database.enqueue {
            do {
                try work()
                then(nil)
            } catch {
                then("\(error)")
            }
        }
    }

    /// Waits until every background write queued so far is over.
    public func drain() {
        database.drain()
    }

    static func step(
        transitions: [AlertTransition], notifications: [AlertNotification], host: String, now: Double, route: (AlertNotification) -> [String]
    ) -> JournalStep? {
        guard !transitions.isEmpty || !notifications.isEmpty else { return nil }
        return JournalStep(transitions: transitions, notifications: notifications.map { ($0, route($0)) }, host: host, now: now)
    }

    /// Writes the steps kept from failed recordings, then `step`, in one transaction.
    func commit(_ step: JournalStep?) throws(AlertJournalError) {
        let waiting = unrecorded.withLock { $0 }
        guard step != nil || !waiting.isEmpty else { return }
        var batch = waiting
        if let step { batch.append(step) }
        do {
            try database.write { c in
                for step in batch { try Self.write(step, c) }
            }
            unrecorded.withLock { $0.removeAll() }
        } catch {
            let dropped = max(0, batch.count - Self.unrecordedLimit)
            unrecorded.withLock { $0 = Array(batch.suffix(Self.unrecordedLimit)) }
            let kept = dropped > 0 ? "; \(dropped) older steps dropped" : "; kept for the next step (\(batch.count - dropped) waiting)"
            throw AlertJournalError("recording alerts failed: \(error)\(kept)")
        }
    }

    /// Engine steps waiting to be written after a failed recording.
    public var unrecordedSteps: Int { unrecorded.withLock { $0.count } }

    static func write(_ step: JournalStep, _ c: SQLiteConnection) throws {
        let insertTransition = try c.prepare("INSERT INTO transition (alert, time, from_state, to_state, value) VALUES (?, ?, ?, ?, ?)")
        for transition in step.transitions {
            var instance = transition.instance
            instance.phase = transition.to
            let id = try upsert(instance, now: transition.time, c)
            try insertTransition.execute([
                .integer(id), .real(transition.time), .text(transition.from.rawValue), .text(transition.to.rawValue), real(transition.instance.value),
            ])
        }
        let markNotified = try c.prepare("UPDATE alert SET notified_at = ? WHERE fingerprint = ? AND active_at = ?")
        let queue = try c.prepare("""
            INSERT OR IGNORE INTO outbox (notifier, key, fingerprint, message, created_at, next_attempt)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
        for (notification, notifiers) in step.notifications {
            _ = try upsert(notification.instance, now: step.now, c)
            if notification.status == .firing {
                try markNotified.execute([.real(step.now), .text(notification.instance.fingerprint), .real(notification.instance.activeSince)])
            }
            let message = AlertMessage(notification, host: step.host)
            let text = AlertMessageJSON.encode(message)
            for notifier in notifiers {
                try queue.execute([.text(notifier), .text(message.key), .text(message.fingerprint), .text(text), .real(step.now), .real(step.now)])
            }
        }
    }
}
