import AlertDelivery
import Alerting
import Collectors
import Glibc
import ProcFS
import Rendering
import SeriesStore
import TerminalBackend
import VitalsCore

/// The run loop: waits on the terminal and the wake pipe together (no polling), feeds every event
/// through the reducer, records snapshots in the store, and redraws when something changed.
///
/// ncurses is touched only from this (the calling) thread.
public enum DashboardApp {
    /// A problem that stops the dashboard before it draws anything; the terminal is untouched.
    public struct StartError: Error, CustomStringConvertible {
        public var description: String
    }

    /// What the run loop hands over after each tick (`vitals --serve`): the snapshot, the alerts
    /// as they stand, the rules, and the tick's alert transitions. Called on the loop's thread.
    public typealias TickObserver = (Snapshot, [AlertInstance], [AlertRule], [AlertTransition]) -> Void

    /// Runs until `q`, a termination signal or a hang-up; returns the process exit status.
    /// `reload` re-reads the configuration when `R` is pressed; `onTick` sees every tick; `serving` names the address served (status line).
    /// `vitals replay`: a recorded data directory instead of the live system, and where to start.
    public struct Replay: Sendable {
        public var directory: String
        /// Where the cursor starts (`--from`, as `g` takes it); nil: the recording's end.
        public var from: String?
        public init(directory: String, from: String? = nil) {
            self.directory = directory
            self.from = from
        }
    }

    public static func run(
        _ options: DashboardOptions, environment: [String: String], reload: ConfigReloader? = nil, serving: String? = nil, onTick: TickObserver? = nil,
        replay: Replay? = nil
    ) throws -> Int32 {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw StartError(description: "vitals needs a terminal; for scripts use `vitals snapshot --json`")
        }
        // Before any thread starts (see MallocArenas).
        MallocArenas.limit(to: 1)
        // History is read before the screen opens, so a problem with it is known for the first frame.
        let recorder: HistoryRecorder
        var replayEnd: Double?
        var replayStart: Double?
        if let replay {
            let (opened, end) = try HistoryRecorder.openReplay(directory: replay.directory, retention: options.retention, now: Self.now())
            recorder = opened
            replayEnd = end
            if let from = replay.from {
                guard let t = TimeJump.parse(from, now: end) else {
                    throw StartError(description: "cannot start the replay at \"\(from)\": " + TimeJump.help + " (times count back from the recording's end)")
                }
                replayStart = t
            }
        } else {
            recorder = HistoryRecorder.open(directory: options.historyDirectory, retention: options.retention, now: Self.now())
        }
        // What start-up touched goes back after the first frames (see RunLoop), not here: paging out
        // before the first frame cost it ~25 ms of refaults (measured with perf, 200x50).
        let wake = try WakePipe()
        SignalWatcher.install(wakeFD: wake.writeFD)
        var terminalEnvironment = environment
        if options.noColor { terminalEnvironment["NO_COLOR"] = "1" }
        let backend = try NcursesBackend(
            environment: terminalEnvironment, colorDepth: options.colorDepth, mouse: options.mouse, asciiOnly: options.asciiOnly
        )
        defer { backend.shutdown() }
        let mailbox = SnapshotMailbox()
        let details = ProcessDetailRequest()
        // A replay collects nothing and evaluates no alerts (its alert journal is the recording's).
        let collection = replay == nil ? CollectionThread.start(options: options, details: details, mailbox: mailbox, wake: wake) : nil
        defer { collection?.stop() }
        let view = DashboardView(theme: options.theme)
        let alerts = replay == nil ? AlertService.open(configuration: options.alerts, directory: options.historyDirectory, clock: { Self.now() }) : nil
        alerts?.start()
        defer { alerts?.stop() }
        let loop = RunLoop(
            backend: backend, view: view, recorder: recorder, alerts: alerts,
            interval: Self.seconds(options.interval), mailbox: mailbox, wake: wake, details: details, sort: options.sort
        )
        loop.processRows = options.processRows
        loop.onTick = onTick
        loop.lineDrawing = backend.lineDrawing
        loop.serving = serving
        loop.applyLayout(options)
        if let replay, let replayEnd {
            loop.startReplay(end: replayEnd, from: replayStart, label: replay.directory)
        } else if let reload, let collection {
            loop.reloader = ConfigReload(reload: reload, running: options) { collection.update(interval: $0.interval, skippedInterfaces: $0.skippedInterfaces) }
        }
        let exit = loop.run()
        backend.shutdown()
        collection?.stop()
        if replay == nil { recorder.finish() }
        alerts?.stop()
        for notice in recorder.notices + (alerts?.notices ?? []) { writeLine(STDERR_FILENO, "vitals: " + notice) }
        switch exit {
        case .quitKey, .none: return 0
        case let .signal(number): return 128 + number
        case .hangup: return 129
        }
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    private static func writeLine(_ fd: Int32, _ text: String) {
        let bytes = Array((text + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }

    static func seconds(_ d: Duration) -> Double {
        let (s, atto) = d.components
        return Double(s) + Double(atto) / 1e18
    }
}

/// One dashboard session's loop state.
final class RunLoop {
    private let backend: any TerminalBackend
    private var view: DashboardView
    private let recorder: HistoryRecorder
    private let alerts: AlertService?
    /// The alerts list's rows at the last frame (a silence request names one by position).
    private var alertRows: [AlertInstance] = []
    private var store: SeriesStore { recorder.store }
    private var builder: DashboardModelBuilder
    private var interval: Double
    /// Re-reads the configuration on `R`; nil when there is none to re-read (tests).
    var reloader: ConfigReload?
    /// Sees every tick after the store and the alerts have (see DashboardApp.TickObserver).
    var onTick: DashboardApp.TickObserver?
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
        replayNotice = "replay of \(label), until " + ClockText.format(end)
    }

    private var replayNotice: String?
    /// Sends the signals chosen with `k`.
    var signals = SignalSender(procfs: ProcFS())
    private let mailbox: SnapshotMailbox
    private let wake: WakePipe
    private let details: ProcessDetailRequest?
    private var state: AppState
    /// Snapshots drawn so far (start-up pages are released after the third).
    private var snapshotsSeen = 0
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
        builder = DashboardModelBuilder(historyPoints: 512)
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
        draw()
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
            if fds[0].revents & Int16(POLLIN) != 0 {
                wake.drain()
                if let snapshot = mailbox.take() {
                    let samples = recorder.record(snapshot)
                    let step = alerts?.evaluate(samples: samples, store: store, now: snapshot.time, host: Self.host(snapshot))
                    if let onTick {
                        onTick(snapshot, alerts?.state.ordered ?? [], alerts?.configuration.rules ?? [], step?.transitions ?? [])
                    }
                    snapshotsSeen += 1
                    if snapshotsSeen == 3 { StartupPages.release() }
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
            // The first frame with data is on screen: now read the older history (see HistoryRecorder).
            if snapshotsSeen >= 1, !recorder.restLoaded, state.isRunning, recorder.loadRest() { draw() }
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
        builder.cursor = state.cursor ?? replayEnd
        builder.pastProcesses = builder.cursor.flatMap { recorder.topProcesses(at: $0) }
        builder.sort = state.sort
        builder.filter = state.filter
        builder.selection = state.selection
        builder.follow = state.follow
        builder.tree = state.tree
        builder.containers = state.containers
        var model = builder.build(snapshot: state.snapshot, store: store, interval: interval, hostFallback: "vitals")
        model.status.storeBytes = store.byteCount
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
        model.status.notices = (state.flash.map { [$0] } ?? []) + (replayNotice.map { [$0] } ?? []) + (reloader?.notice.map { [$0] } ?? [])
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
