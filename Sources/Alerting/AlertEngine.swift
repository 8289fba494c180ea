import VitalsCore

/// The alert state machine: a pure function of (rules, this evaluation's values, the previous
/// state, now). It returns the new state, every phase change (for the history) and the
/// notifications to queue.
///
/// - A condition that holds makes an alert pending; after `for` it fires (at once when `for` is 0).
/// - Pending whose condition stops holding, or whose series disappears: back to inactive.
/// - Firing stays firing while the `clear` threshold (hysteresis) still holds, and for
///   `keep_firing_for` after it stops; then resolved.
/// - Firing whose series disappears: nodata; data coming back decides (firing again, or resolved);
///   still no data after `noDataResolveAfter`: resolved, and said so.
/// - Notifications: when an alert fires unless silenced or within `cooldown` of the previous firing
///   notification for the same labels; again every `cooldown` while it keeps firing (never with a
///   cooldown of 0, which only turns the flapping guard off); and a
///   resolution exactly once for every episode that was announced.
/// - Resolved alerts stay listed for `keepResolvedFor`; a rule that was removed resolves its alerts.
public enum AlertEngine {
    public static let keepResolvedFor: Double = 3600
    public static let noDataResolveAfter: Double = 86_400

    public struct Step: Sendable {
        public var state: AlertEngineState
        public var transitions: [AlertTransition] = []
        public var notifications: [AlertNotification] = []
    }

    /// `values[i]` are rule i's operand values (one per series); the rules' order is kept.
    public static func step(
        rules: [AlertRule], values: [[(key: SeriesKey, value: Double)]], previous: AlertEngineState, now: Double, host: String
    ) -> Step {
        var step = Step(state: previous)
        step.state.silences.removeAll { $0.until <= now }
        step.state.lastNotified = step.state.lastNotified.filter { now - $0.value < 30 * 86_400 }
        var seen = Set<AlertLabels>()
        // The common case, a rule with no alert and a value on the quiet side, builds no labels.
        let active = Set(step.state.instances.values.map(\.rule))
        for (rule, ruleValues) in zip(rules, values) {
            let hasInstances = active.contains(rule.name)
            for (key, value) in ruleValues {
                if !hasInstances, !rule.expr.comparison.holds(value, rule.expr.threshold) { continue }
                let labels = labels(for: rule, series: key)
                seen.insert(labels)
                observe(rule: rule, labels: labels, value: value, now: now, host: host, step: &step)
            }
        }
        let rulesByName = Dictionary(rules.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for (labels, instance) in step.state.instances where !seen.contains(labels) {
            guard let rule = rulesByName[instance.rule] else {
                if instance.phase != .resolved { resolve(instance, rule: nil, now: now, host: host, step: &step) }
                continue
            }
            missing(instance, rule: rule, now: now, host: host, step: &step)
        }
        // Repeats while firing, and the resolved list's expiry.
        for (labels, instance) in step.state.instances {
            if instance.phase == .resolved, let at = instance.resolvedAt, now - at >= keepResolvedFor {
                step.state.instances[labels] = nil
            } else if instance.phase == .firing, let rule = rulesByName[instance.rule], let last = step.state.lastNotified[instance.fingerprint],
                instance.notified, rule.cooldown > 0, now - last >= rule.cooldown, !step.state.isSilenced(instance, at: now)
            {
                notifyFiring(instance, rule: rule, now: now, host: host, step: &step)
            }
        }
        return step
    }

    /// alertname and severity, the series' labels, then the rule's own (which win).
    static func labels(for rule: AlertRule, series: SeriesKey) -> AlertLabels {
        var labels: [String: String] = [:]
        for label in series.labels { labels[label.name] = label.value }
        for (name, value) in rule.labels { labels[name] = value }
        labels["alertname"] = rule.name
        labels["severity"] = rule.severity.rawValue
        return AlertLabels(labels)
    }

    private static func observe(rule: AlertRule, labels: AlertLabels, value: Double, now: Double, host: String, step: inout Step) {
        let existing = step.state.instances[labels]
        switch existing?.phase {
        case nil, .inactive?, .resolved?:
            guard rule.expr.comparison.holds(value, rule.expr.threshold) else {
                if var resolved = existing {
                    resolved.value = value
                    step.state.instances[labels] = resolved
                }
                return
            }
            var instance = AlertInstance(rule: rule.name, labels: labels, severity: rule.severity, phase: .pending, activeSince: now, value: value)
            if rule.holdFor <= 0 {
                fire(&instance, rule: rule, from: .inactive, now: now, host: host, step: &step)
            } else {
                step.state.instances[labels] = instance
                step.transitions.append(AlertTransition(time: now, instance: instance, from: .inactive, to: .pending))
            }
        case .pending?:
            guard var instance = existing else { return }
            instance.value = value
            if rule.expr.comparison.holds(value, rule.expr.threshold) {
                instance.lastHeldAt = now
                if now - instance.activeSince >= rule.holdFor {
                    fire(&instance, rule: rule, from: .pending, now: now, host: host, step: &step)
                } else {
                    step.state.instances[labels] = instance
                }
            } else {
                step.state.instances[labels] = nil
                step.transitions.append(AlertTransition(time: now, instance: instance, from: .pending, to: .inactive))
            }
        case .firing?, .noData?:
            guard var instance = existing else { return }
            let from = instance.phase
            instance.value = value
            instance.missingSince = nil
            if rule.stillHolds(value) {
                instance.lastHeldAt = now
                instance.phase = .firing
                step.state.instances[labels] = instance
                if from == .noData { step.transitions.append(AlertTransition(time: now, instance: instance, from: .noData, to: .firing)) }
            } else if from == .firing, now - instance.lastHeldAt < rule.keepFiringFor {
                step.state.instances[labels] = instance
            } else {
                resolve(instance, rule: rule, now: now, host: host, step: &step)
            }
        }
    }

    private static func missing(_ existing: AlertInstance, rule: AlertRule, now: Double, host: String, step: inout Step) {
        var instance = existing
        switch instance.phase {
        case .pending:
            step.state.instances[instance.labels] = nil
            step.transitions.append(AlertTransition(time: now, instance: instance, from: .pending, to: .inactive))
        case .firing:
            instance.phase = .noData
            instance.missingSince = now
            instance.value = nil
            step.state.instances[instance.labels] = instance
            step.transitions.append(AlertTransition(time: now, instance: instance, from: .firing, to: .noData))
        case .noData:
            if now - (instance.missingSince ?? now) >= noDataResolveAfter { resolve(instance, rule: rule, now: now, host: host, step: &step) }
        case .inactive, .resolved:
            break
        }
    }

    private static func fire(_ instance: inout AlertInstance, rule: AlertRule, from: AlertPhase, now: Double, host: String, step: inout Step) {
        instance.phase = .firing
        instance.firedAt = now
        instance.lastHeldAt = now
        step.state.instances[instance.labels] = instance
        step.transitions.append(AlertTransition(time: now, instance: instance, from: from, to: .firing))
        let recently = step.state.lastNotified[instance.fingerprint].map { now - $0 < rule.cooldown } ?? false
        if !recently, !step.state.isSilenced(instance, at: now) { notifyFiring(instance, rule: rule, now: now, host: host, step: &step) }
    }

    private static func notifyFiring(_ existing: AlertInstance, rule: AlertRule, now: Double, host: String, step: inout Step) {
        var instance = existing
        instance.notified = true
        instance.notifications += 1
        step.state.instances[instance.labels] = instance
        step.state.lastNotified[instance.fingerprint] = now
        step.notifications.append(notification(.firing, instance, rule: rule, now: now, host: host))
    }

    private static func resolve(_ existing: AlertInstance, rule: AlertRule?, now: Double, host: String, step: inout Step) {
        var instance = existing
        let from = instance.phase
        instance.phase = .resolved
        instance.resolvedAt = now
        step.state.instances[instance.labels] = instance
        step.transitions.append(AlertTransition(time: now, instance: instance, from: from, to: .resolved))
        if instance.notified { step.notifications.append(notification(.resolved, instance, rule: rule, now: now, host: host)) }
    }

    static func notification(_ status: AlertNotification.Status, _ instance: AlertInstance, rule: AlertRule?, now: Double, host: String) -> AlertNotification {
        let summary = rule?.summary.map { AlertTemplate.render($0, instance: instance, host: host) }
            ?? "\(instance.rule) \(status == .firing ? "firing" : "resolved") on \(host)"
        let description = rule?.description.map { AlertTemplate.render($0, instance: instance, host: host) } ?? ""
        return AlertNotification(
            status: status, instance: instance, summary: summary, description: description, time: now, condition: rule?.expr.description ?? "", threshold: rule?.expr.threshold
        )
    }
}
