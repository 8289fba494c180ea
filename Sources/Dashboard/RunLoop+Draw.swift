import AlertDelivery
import Alerting
import Pipeline
import Rendering
import VitalsCore

/// The frame: the model built from the state and what the pipeline holds, drawn, and the rows on
/// screen reported to the collectors (command lines and I/O are read for those only).
extension RunLoop {
    /// What the alert service says, copied out under the pipeline's lock.
    struct AlertsView: Sendable {
        var state: AlertEngineState
        var rules: [AlertRule]
        var journalPath: String?
        var notices: [String]
    }

    func draw() {
        builder.window = state.window
        builder.cpuModes = state.cpuModes
        let now = pipeline.clock()
        let remoteLive = remote?.link.liveTime(now: now)
        builder.cursor = state.cursor ?? replayEnd ?? remoteLive
        builder.pastProcesses = builder.cursor.flatMap { pipeline.topProcesses(at: $0) }
        builder.sort = state.sort
        builder.filter = state.filter
        builder.selection = state.selection
        builder.follow = state.follow
        builder.tree = state.tree
        builder.containers = state.containers
        let snapshot = state.snapshot ?? startup
        let (built, storeBytes, alerts) = pipeline.read { [builder, interval, remote] r in
            let model = builder.build(snapshot: snapshot, store: r.store, interval: interval, hostFallback: remote?.link.label ?? "vitals")
            let alerts = r.alerts.map { AlertsView(state: $0.state, rules: $0.configuration.rules, journalPath: $0.journal?.path, notices: $0.unhealthyNotifiers + $0.notices) }
            return (model, r.byteCount, alerts)
        }
        var model = built
        if state.snapshot == nil, startup != nil { model.memory?.pending = true }
        if let remote {
            model.status.remote = remote.link.link(now: now)
            if state.cursor == nil, let remoteLive {
                // Live on the remote host: its newest moment, not "the past".
                model.status.past = nil
                model.status.clock = ClockText.format(remoteLive)
                model.processes.past = remote.link.down == nil ? "heaviest on " + (remote.link.host ?? "the remote host") : "none while disconnected"
            }
            model.alerts = AlertModelBuilder.banner(remote: remoteAlerts, now: remoteLive ?? now)
        }
        model.status.storeBytes = storeBytes
        model.shownPanes = state.shownPanes
        model.layoutPreset = state.layoutPreset
        model.showHelp = state.showHelp
        model.asciiOnly = asciiOnly
        model.lineDrawing = lineDrawing
        model.braille = braille
        model.status.frozen = state.frozen
        model.status.serving = serving
        model.status.jumpText = state.jumpText
        model.processes.editingFilter = state.editingFilter
        model.processes.follow = state.follow
        model.signalChooser = state.signalPrompt.map { prompt in
            DashboardModel.SignalChooser(
                target: "\(prompt.name) (\(prompt.pid))", choices: SignalPrompt.choices.map(\.name), choice: prompt.choice, confirming: prompt.confirming
            )
        }
        if let alerts { addAlerts(alerts, to: &model, now: state.snapshot?.time ?? now) }
        if let selection = state.selection {
            state.selection = selection.reconciled(with: model.processes.rows.map(\.pid), follow: state.follow)
        }
        // The latest word first: a signal's outcome or a refusal, then reload, history problems.
        var notices: [String] = [state.flash, replayNotice, remote?.link.notice(), reloader?.notice, pipeline.problem].compactMap { $0 }
        notices += pipeline.read { $0.notices }
        notices += alerts?.notices ?? []
        model.status.notices = notices
        backend.present(view.render(model, width: state.width, height: state.height))
        reportRowsOnScreen(model)
    }

    /// The banner, and the alerts list when it is open.
    private func addAlerts(_ alerts: AlertsView, to model: inout DashboardModel, now: Double) {
        model.alerts = AlertModelBuilder.banner(alerts.state, now: now)
        guard var list = state.alertList else { return }
        alertRows = alerts.state.ordered
        list.count = alertRows.count
        list.selected = min(list.selected, max(0, alertRows.count - 1))
        state.alertList = list
        let footer = "\(alerts.rules.count) rules" + (alerts.journalPath.map { " · history in " + $0 } ?? " · history not kept")
        model.alertList = AlertModelBuilder.list(
            alerts.state, rows: alertRows, listState: list, now: now, host: state.snapshot.map(Self.host) ?? "localhost", rules: alerts.rules, footer: footer
        )
    }

    /// Command lines and I/O are read only for the rows on screen (frame and header: 3 rows; the
    /// detail line: 1), and command lines for every process while a filter needs them.
    private func reportRowsOnScreen(_ model: DashboardModel) {
        guard let details else { return }
        let layout = DashboardLayout.compute(
            width: state.width, height: state.height, shown: state.shownPanes, preset: state.layoutPreset, banner: !model.alerts.isEmpty
        )
        let interior = (layout.panes[.processes]?.height ?? 0) - 2
        let visible = ProcessPaneView.visibleRows(height: interior, hasDetail: model.processes.detail != nil)
        let offset = ProcessPaneView.scrollOffset(selected: model.processes.selectedIndex, visible: visible)
        details.set(Set(model.processes.rows.dropFirst(offset).prefix(visible).map(\.pid)))
        details.setCommandLinesForAll(!state.filter.isEmpty)
    }
}
