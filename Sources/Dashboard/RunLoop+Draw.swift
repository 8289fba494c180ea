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
        builder.state = state
        let now = pipeline.clock()
        builder.cursor = state.cursor ?? feed.shownMoment(now: now)
        builder.pastProcesses = builder.cursor.flatMap { pipeline.topProcesses(at: $0) }
        let snapshot = state.snapshot ?? startup
        let interval = state.interval, hostFallback = feed.hostFallback
        // One hold of the lock per frame: the model, the store's size, the alerts, the record's notices.
        let (built, storeBytes, alerts, recordNotices) = pipeline.read { [builder] r in
            let model = builder.build(snapshot: snapshot, store: r.store, interval: interval, hostFallback: hostFallback)
            let alerts = r.alerts.map { AlertsView(state: $0.state, rules: $0.configuration.rules, journalPath: $0.journal?.path, notices: $0.unhealthyNotifiers + $0.notices) }
            return (model, r.byteCount, alerts, r.notices)
        }
        var model = built
        if state.snapshot == nil, startup != nil { model.memory?.pending = true }
        feed.finish(&model, cursorIsLive: state.cursor == nil, now: now)
        model.status.storeBytes = storeBytes
        model.shownPanes = state.shownPanes
        model.layoutPreset = state.layoutPreset
        model.showHelp = state.showHelp
        model.keyBar = state.showsKeyBar
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
        // The latest word first: a signal's outcome or a refusal, then reload, history problems.
        model.status.flash = state.flash ?? feed.urgent
        var notices: [String] = feed.notices
        notices += [reloader?.notice, pipeline.problem].compactMap { $0 }
        notices += recordNotices
        notices += alerts?.notices ?? []
        model.status.notices = notices
        messages.note([model.status.flash].compactMap { $0 } + notices + model.status.problems, at: now)
        overlay(into: &model)
        let frame = view.frame(model, width: state.width, height: state.height)
        backend.present(frame.canvas)
        apply(.drawn(FrameReport(processPids: model.processes.rows.map(\.pid), alertCount: alertRows.count, overlayOffset: frame.overlayOffset)))
        // Command lines and I/O are read only for the rows on screen, and command lines for every
        // process while a filter needs them.
        details?.set(Set(frame.processRows))
        details?.setCommandLinesForAll(!state.filter.isEmpty)
    }

    /// What is over the screen, from the state (the help is the view's own).
    private func overlay(into model: inout DashboardModel) {
        model.helpOffset = state.overlayOffset
        switch state.overlay {
        case .log:
            model.overlay = DashboardModel.Overlay(
                title: "Messages", entries: messages.entries.map { .init(ClockText.format($0.time), $0.text) },
                offset: state.overlayOffset, empty: "no messages in this run yet"
            )
        case let .text(title, entries):
            model.overlay = DashboardModel.Overlay(title: title, entries: entries, offset: state.overlayOffset, empty: "(empty)")
        case let .columns(selected, _):
            var chooser = DashboardModel.Overlay(
                title: "Columns", entries: ProcessColumn.allCases.map { column in
                    .init((state.columns.contains(column) ? "[x] " : "[ ] ") + column.title, column.meaning)
                }, closeHint: "space shows/hides · Esc saves"
            )
            chooser.selected = selected
            model.overlay = chooser
        case .help, nil:
            break
        }
    }

    /// The banner, and the alerts list when it is open.
    private func addAlerts(_ alerts: AlertsView, to model: inout DashboardModel, now: Double) {
        model.alerts = AlertModelBuilder.banner(alerts.state, now: now)
        guard var list = state.alertList else { return }
        alertRows = alerts.state.ordered
        // As the reducer will hold it once the frame is reported (`.drawn`).
        list.count = alertRows.count
        list.selected = min(list.selected, max(0, alertRows.count - 1))
        let footer = "\(alerts.rules.count) rules" + (alerts.journalPath.map { " · history in " + $0 } ?? " · history not kept")
        model.alertList = AlertModelBuilder.list(
            alerts.state, rows: alertRows, listState: list, now: now, host: state.snapshot.map(Self.host) ?? "localhost", rules: alerts.rules, footer: footer
        )
    }
}
