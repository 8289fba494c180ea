import AlertDelivery
import Alerting
import Collectors
import Glibc
import ProcFS
import Rendering
import SeriesStore
import TerminalBackend
import VitalsCore

/// One dashboard session's loop state.
final class RunLoop {
    private let backend: any TerminalBackend
    private var view: DashboardView
    private let recorder: HistoryRecorder
    /// Opened after the first frame (see DashboardApp), before the first snapshot is taken.
    var alerts: AlertService?
    /// The alerts list's rows at the last frame (a silence request names one by position).
    private var alertRows: [AlertInstance] = []
    private var store: SeriesStore { recorder.store }
    private var builder: DashboardModelBuilder
    private var interval: Double
    /// Re-reads the configuration on `R`; nil when there is none to re-read (tests).
    var reloader: ConfigReload?
    /// Sees every tick after the store and the alerts have (see DashboardApp.TickObserver).
    var onTick: DashboardApp.TickObserver?
    /// Points of history a live graph fetches (the widest any layout draws): the live graphs span
    /// this many intervals, which is what the history file's first pass reads.
    static let historyPoints = 512
    /// Until the first reading: the shape the history file gives the panes (see StartupSnapshot).
    private var startup: Snapshot?
    /// Runs once the first frame is on screen (the collection thread starts there).
    var afterFirstFrame: (() -> Void)?
    /// Where this process serves, for the status line (`--serve`).
    var serving: String?
    /// The glyph ladder's rungs (from the options).
    var asciiOnly = false
    var braille = false
    /// Borders from the terminal's ACS in ASCII mode (the backend found line drawing).
    var lineDrawing = false
    /// `vitals replay`: the recording's end, which stands for "now" (the cursor is never live).
    private var replayEnd: Double?

    /// Shows a recording: its skeleton as the snapshot, the cursor at `from` (else the end),
    /// signals off, and a notice naming what is replayed.
    func startReplay(end: Double, from: Double?, label: String) {
        replayEnd = end
        state.snapshot = ReplaySnapshot.skeleton(store: store, at: end, host: "replay")
        state.cursor = from.flatMap { $0 < end ? $0 : nil }
        state.readOnly = true
        state.readOnlyReason = "a replay"
        replayNotice = "replay of \(label), until " + ClockText.format(end)
    }

    private var replayNotice: String?
    /// `vitals attach`: the remote agent's updates, and the link's state.
    private var remote: (inbox: RemoteInbox, link: RemoteLinkState)?
    /// The remote agent's alerts, for the banner.
    private var remoteAlerts: [RemoteAlert] = []

    /// Shows a remote agent: its ticks feed the store, the panes show its newest tick (as time
    /// travel shows a moment), signals are off, and the status line tells how the link stands.
    func startAttach(inbox: RemoteInbox, label: String) {
        remote = (inbox, RemoteLinkState(label: label))
        state.readOnly = true
        state.readOnlyReason = "another host's processes: vitals attach"
    }

    /// Takes the remote feed's updates into the store; true when something changed on screen.
    private func takeRemoteUpdates() -> Bool {
        guard var r = remote else { return false }
        let updates = r.inbox.takeAll()
        guard !updates.isEmpty else { return false }
        let now = DashboardApp.now()
        var newest: Double?
        for update in updates {
            switch update {
            case let .connected(host, interval):
                r.link.host = host
                r.link.down = nil
                if interval > 0 {
                    self.interval = interval
                    state.interval = interval
                }
            case let .backfill(ticks):
                for tick in ticks where recorder.record(tick) { newest = tick.time }
            case let .tick(tick):
                if recorder.record(tick) { newest = tick.time }
            case let .alerts(alerts):
                remoteAlerts = alerts
            case let .disconnected(reason, retryAt):
                let since = r.link.down.flatMap { $0.since > 0 ? $0.since : nil } ?? now
                r.link.down = RemoteLinkState.Down(since: since, reason: reason, retryAt: retryAt)
            }
        }
        if let newest {
            r.link.lastTick = (newest, now)
            apply(.snapshot(ReplaySnapshot.skeleton(store: store, at: newest, host: r.link.host ?? r.link.label)))
        }
        remote = r
        return true
    }

    /// Sends the signals chosen with `k`.
    var signals = SignalSender(procfs: ProcFS())
    private let mailbox: SnapshotMailbox
    private let wake: WakePipe
    private let details: ProcessDetailRequest?
    private var state: AppState
    /// Snapshots taken so far (pages are released as each of the first three arrives, then one in
    /// `releaseEvery`).
    private var snapshotsSeen = 0
    /// `VITALS_TRACE_PAGES=1`: the code pages are dropped at every tick, so that each tick's code
    /// faults back in where perf sees it (scripts/link-order.sh; see StartupPages).
    private let tracePages = getenv("VITALS_TRACE_PAGES") != nil

    /// Ticks between page releases once start-up is over: about ten seconds' worth. What the ticks
    /// between two releases ran stays resident until the next, so this bounds the peak to about one
    /// tick's code and what rarer paths (a collector on a longer interval, a key) added meanwhile.
    /// A release costs a few dozen minor faults as the next tick's code comes back (docs/PERFORMANCE.md).
    private var releaseEvery: Int {
        tracePages ? 1 : max(1, Int((10 / max(interval, 0.05)).rounded(.up)))
    }
    /// Polls that said "readable" but yielded no key: EOF on a dead terminal. Three in a row = hang-up.
    private var emptyReads = 0

    init(
        backend: any TerminalBackend, view: DashboardView, recorder: HistoryRecorder, alerts: AlertService? = nil, interval: Double, mailbox: SnapshotMailbox,
        wake: WakePipe, details: ProcessDetailRequest? = nil, sort: ProcessSort = .cpu
    ) {
        self.alerts = alerts
        self.details = details
        self.backend = backend
        self.view = view
        self.recorder = recorder
        self.interval = interval
        self.mailbox = mailbox
        self.wake = wake
        let size = backend.size
        state = AppState(width: size.width, height: size.height)
        builder = DashboardModelBuilder(historyPoints: Self.historyPoints)
        state.sort = sort
        state.interval = interval
    }

    /// The configuration's panes and layout (at start and on reload).
    func applyLayout(_ options: DashboardOptions) {
        state.shownPanes = options.shownPanes
        state.layoutPreset = options.layoutPreset
        state.readOnly = options.readOnly
        asciiOnly = options.asciiOnly
        braille = options.braille
        state.brailleGraph = options.braille && !options.asciiOnly
        signals = SignalSender(procfs: options.procfs)
    }

    var processRows: Int {
        get { builder.processRows }
        set { builder.processRows = newValue }
    }

    func run() -> AppState.Exit? {
        // Start-up's phases each drop the code pages they ran (see StartupPages): the history file's
        // opening here (DashboardApp drops the command line's and the configuration's), the first
        // frame's before the older history loads and that reading's after it, each of the first
        // three ticks as it arrives (the collectors' first pass), then one tick in `releaseEvery`,
        // and each minute's save around it (HistoryRecorder.savePending).
        StartupPages.release()
        if state.snapshot == nil, remote == nil, replayEnd == nil { startup = StartupSnapshot.make(store: store, at: DashboardApp.now()) }
        draw()
        if let afterFirstFrame {
            self.afterFirstFrame = nil
            afterFirstFrame()
            // The first frame's code and the alert journal's opening go back before the first
            // collection (every process) adds its own: together they set the start's peak.
            StartupPages.release()
            // Alerts restored from the journal show in the banner now.
            if let alerts, !alerts.state.ordered.isEmpty || !alerts.notices.isEmpty { draw() }
        }
        while state.isRunning {
            var fds = [pollfd(fd: wake.readFD, events: Int16(POLLIN), revents: 0)]
            if let input = backend.inputDescriptor { fds.append(pollfd(fd: input, events: Int16(POLLIN), revents: 0)) }
            // A SIGWINCH interrupts poll (EINTR); ncurses then reports KEY_RESIZE from pendingInput.
            _ = poll(&fds, nfds_t(fds.count), 1000)
            var dirty = false
            if let signal = SignalWatcher.pendingSignal {
                apply(.signal(signal))
                break
            }
            // A link that is down is redrawn every second: its clock runs and the gap grows.
            if remote?.link.down != nil { dirty = true }
            if fds[0].revents & Int16(POLLIN) != 0 {
                wake.drain()
                if takeRemoteUpdates() { dirty = true }
                if let snapshot = mailbox.take() {
                    startup = nil
                    snapshotsSeen += 1
                    if snapshotsSeen <= 3 || snapshotsSeen % releaseEvery == 0 { StartupPages.release() }
                    let samples = recorder.record(snapshot)
                    let step = alerts?.evaluate(samples: samples, store: store, now: snapshot.time, host: Self.host(snapshot))
                    if let onTick {
                        onTick(snapshot, alerts?.state.ordered ?? [], alerts?.configuration.rules ?? [], step?.transitions ?? [])
                    }
                    apply(.snapshot(snapshot))
                    dirty = true
                }
            }
            let inputRevents = fds.count > 1 ? fds[1].revents : 0
            if inputRevents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                apply(.hangup)
                break
            }
            let events = backend.pendingInput()
            if inputRevents & Int16(POLLIN) != 0, events.isEmpty {
                emptyReads += 1
                if emptyReads >= 3 { apply(.hangup) }
            } else if !events.isEmpty {
                emptyReads = 0
            }
            for event in events {
                switch event {
                case let .key(key):
                    apply(.key(key))
                    dirty = true
                case let .mouse(event):
                    apply(.mouse(event))
                    dirty = true
                case let .resize(width, height):
                    apply(.resize(width: width, height: height))
                    dirty = true
                case .hangup: apply(.hangup)
                }
            }
            if let request = state.signalRequest {
                state.signalRequest = nil
                state.flash = signals.send(request.signal, to: request.pid, startTicks: request.startTicks, name: request.name)
                dirty = true
            }
            if let request = state.silenceRequest {
                state.silenceRequest = nil
                if let alerts, alertRows.indices.contains(request.row) {
                    let alert = alertRows[request.row]
                    alerts.silence(alert, for: request.seconds, now: DashboardApp.now())
                    state.flash = "silenced \(alert.rule) for \(Format.age(request.seconds))"
                }
                dirty = true
            }
            if state.reloadRequested {
                state.reloadRequested = false
                reload()
                dirty = true
            }
            if dirty, state.isRunning { draw() }
            recorder.savePending()
            // The first frame with data is on screen: now read the older history (see HistoryRecorder).
            // Its code goes first, so that the reading's (SQLite's) does not add to it.
            if snapshotsSeen >= 1, !recorder.restLoaded, state.isRunning {
                StartupPages.release()
                if recorder.loadRest() {
                    StartupPages.release()
                    draw()
                }
            }
        }
        return state.exit
    }

    /// `R`: the new configuration's live settings take effect now; an invalid file changes nothing
    /// and its problems show in the status line until a reload succeeds.
    private func reload() {
        guard let reloader else { return }
        if let applied = reloader.run() {
            view = DashboardView(theme: applied.theme)
            state.sort = applied.sort
            builder.processRows = applied.processRows
            interval = DashboardApp.seconds(applied.interval)
            applyLayout(applied)
            alerts?.reconfigure(applied.alerts)
        }
    }

    static func host(_ snapshot: Snapshot) -> String {
        snapshot.host.hostname.isEmpty ? "localhost" : snapshot.host.hostname
    }

    private func apply(_ event: AppEvent) {
        state = DashboardReducer.reduce(state, event)
    }

    private func draw() {
        builder.window = state.window
        builder.cpuModes = state.cpuModes
        let now = DashboardApp.now()
        let remoteLive = remote?.link.liveTime(now: now)
        builder.cursor = state.cursor ?? replayEnd ?? remoteLive
        builder.pastProcesses = builder.cursor.flatMap { recorder.topProcesses(at: $0) }
        builder.sort = state.sort
        builder.filter = state.filter
        builder.selection = state.selection
        builder.follow = state.follow
        builder.tree = state.tree
        builder.containers = state.containers
        var model = builder.build(snapshot: state.snapshot ?? startup, store: store, interval: interval, hostFallback: remote?.link.label ?? "vitals")
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
        model.status.storeBytes = recorder.byteCount
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
        if let alerts {
            let now = state.snapshot?.time ?? DashboardApp.now()
            model.alerts = AlertModelBuilder.banner(alerts.state, now: now)
            if var list = state.alertList {
                alertRows = alerts.state.ordered
                list.count = alertRows.count
                list.selected = min(list.selected, max(0, alertRows.count - 1))
                state.alertList = list
                let footer = "\(alerts.configuration.rules.count) rules" + (alerts.journal.map { " · history in " + $0.path } ?? " · history not kept")
                model.alertList = AlertModelBuilder.list(
                    alerts.state, rows: alertRows, listState: list, now: now, host: state.snapshot.map(Self.host) ?? "localhost",
                    rules: alerts.configuration.rules, footer: footer
                )
            }
        }
        if let selection = state.selection {
            state.selection = selection.reconciled(with: model.processes.rows.map(\.pid), follow: state.follow)
        }
        // The latest word first: a signal's outcome or a refusal, then reload, history problems.
        model.status.notices = (state.flash.map { [$0] } ?? []) + (replayNotice.map { [$0] } ?? []) + (remote.map { [$0.link.notice()] } ?? []) + (reloader?.notice.map { [$0] } ?? [])
            + (recorder.problem.map { [$0] } ?? []) + recorder.notices + (alerts.map { $0.unhealthyNotifiers + $0.notices } ?? [])
        backend.present(view.render(model, width: state.width, height: state.height))
        // Command lines and I/O are read only for the rows on screen (frame and header: 3 rows; the
        // detail line: 1), and command lines for every process while a filter needs them.
        if let details {
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
}
