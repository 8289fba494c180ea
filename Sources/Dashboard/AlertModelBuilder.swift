import Alerting
import Rendering

/// The alert engine's state as the banner and the alerts list show it.
enum AlertModelBuilder {
    /// One banner entry per rule with firing alerts not silenced: its worst severity, the age of
    /// its oldest firing alert, how many label sets fire. "(no data)" when none of them reports.
    static func banner(_ state: AlertEngineState, now: Double) -> [DashboardModel.BannerAlert] {
        var byRule: [String: [AlertInstance]] = [:]
        for instance in state.instances.values where instance.phase.isFiring && !state.isSilenced(instance, at: now) {
            byRule[instance.rule, default: []].append(instance)
        }
        return byRule.map { rule, instances in
            let worst = instances.map(\.severity).max() ?? .warning
            let since = instances.map { $0.firedAt ?? $0.activeSince }.min() ?? now
            let noData = instances.allSatisfy { $0.phase == .noData }
            return DashboardModel.BannerAlert(name: rule + (noData ? " (no data)" : ""), severity: severity(worst), age: max(0, now - since), count: instances.count)
        }.sorted { ($0.severity.rawValue, $0.name) < ($1.severity.rawValue, $1.name) }
    }

    /// The banner of a remote agent's alerts (`vitals attach`), grouped as the local one: firing
    /// (and no-data) alerts only, one entry per rule, its worst severity and oldest start.
    static func banner(remote alerts: [RemoteAlert], now: Double) -> [DashboardModel.BannerAlert] {
        let firing = Dictionary(grouping: alerts.filter { $0.state == "firing" || $0.state == "nodata" }, by: \.rule)
        return firing.map { rule, instances in
            let worst = instances.map { AlertSeverity(rawValue: $0.severity) ?? .warning }.max() ?? .warning
            let since = instances.map(\.activeSince).min() ?? now
            let noData = instances.allSatisfy { $0.state == "nodata" }
            return DashboardModel.BannerAlert(name: rule + (noData ? " (no data)" : ""), severity: severity(worst), age: max(0, now - since), count: instances.count)
        }.sorted { ($0.severity.rawValue, $0.name) < ($1.severity.rawValue, $1.name) }
    }

    /// Rows of the alerts list, in `AlertEngineState.ordered` order (the run loop maps a selected
    /// row back to its alert by the same order).
    static func list(_ state: AlertEngineState, rows: [AlertInstance], listState: AlertListState, now: Double, host: String, rules: [AlertRule], footer: String) -> DashboardModel.AlertList {
        let summaries = Dictionary(rules.map { ($0.name, $0.summary) }, uniquingKeysWith: { a, _ in a })
        let out = rows.map { instance -> DashboardModel.AlertList.Row in
            let silence = state.silences.filter { $0.covers(instance, at: now) }.map(\.until).max()
            let since = instance.phase == .resolved ? instance.resolvedAt ?? now : instance.firedAt ?? instance.activeSince
            let summary = (summaries[instance.rule] ?? nil).map { AlertTemplate.render($0, instance: instance, host: host) } ?? instance.rule
            return DashboardModel.AlertList.Row(
                severity: severity(instance.severity), state: instance.phase == .noData ? "no data" : instance.phase.rawValue, name: instance.rule,
                labels: instance.labels.detail, age: max(0, now - since), value: instance.value.map(AlertTemplate.formatValue) ?? "—", summary: summary,
                silenced: silence.map { "silenced " + Format.age($0 - now) }
            )
        }
        return DashboardModel.AlertList(
            rows: out, selected: min(listState.selected, max(0, out.count - 1)), silenceChoices: AlertKeys.silenceDurations.map(\.label),
            silenceChoice: listState.silenceChoice, footer: footer
        )
    }

    static func severity(_ s: AlertSeverity) -> DashboardModel.BannerAlert.Severity {
        switch s {
        case .info: .info
        case .warning: .warning
        case .critical: .critical
        }
    }
}
