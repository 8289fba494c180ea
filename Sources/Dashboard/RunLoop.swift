import Alerting
import Collectors
import Glibc
import Pipeline
import ProcFS
import Rendering
import TerminalBackend
import VitalsCore

/// One dashboard session's loop: waits on the terminal and the wake pipe together, takes what
/// came (the pipeline's newest tick, a remote agent's updates, keys), reduces it into the state,
/// carries out what the state asks for, and draws when something changed.
final class RunLoop {
    let backend: any TerminalBackend
    var view: DashboardView
    /// Where the ticks are recorded (live: by the collection thread; attach: by this loop).
    let pipeline: TickPipeline
    /// The alerts list's rows at the last frame (a silence request names one by position).
    var alertRows: [AlertInstance] = []
    var builder: DashboardModelBuilder
    /// Re-reads the configuration on `R`; nil when there is none to re-read (tests, replay, attach).
    var reloader: ConfigReload?
    /// Points of history a live graph fetches (the widest any layout draws): the live graphs span
    /// this many intervals, which is what the history file's first pass reads.
    static let historyPoints = 512
    /// Until the first reading: the shape the history file gives the panes (see StartupSnapshot).
    var startup: Snapshot?
    /// Runs once the first frame is on screen (the alert journal opens and collecting starts there).
    var afterFirstFrame: (() -> Void)?
    /// Where this process serves, for the status line (`--serve`).
    var serving: String?
    /// The glyph ladder's rungs (from the options).
    var asciiOnly = false
    var braille = false
    /// Borders from the terminal's ACS in ASCII mode (the backend found line drawing).
    var lineDrawing = false
    /// Where the ticks shown come from: this host live, a recording, another host.
    let feed: any DashboardFeed
    /// Sends the signals chosen with `k` and the nice steps of F7/F8.
    var signals = SignalSender(procfs: ProcFS())
    /// `e` and `l`.
    var inspector = ProcessInspector(procfs: ProcFS())
    /// Where F2 saves the columns (nil: nowhere, as in a replay or an attach).
    var configFile: String?
    /// `r`: reconnect now (`vitals attach`); nil when there is no link.
    var retry: (() -> Bool)?
    /// Every status-line message of this run (`L`).
    var messages = MessageLog()
    let wake: WakePipe
    let details: ProcessDetailRequest?
    var state: AppState
    /// Polls that said "readable" but yielded no key: EOF on a dead terminal. Three in a row = hang-up.
    private var emptyReads = 0

    init(
        backend: any TerminalBackend, view: DashboardView, pipeline: TickPipeline, feed: any DashboardFeed, interval: Double,
        wake: WakePipe, details: ProcessDetailRequest? = nil, sort: ProcessSort = .cpu
    ) {
        self.details = details
        self.backend = backend
        self.view = view
        self.pipeline = pipeline
        self.feed = feed
        self.wake = wake
        let size = backend.size
        state = AppState(width: size.width, height: size.height)
        builder = DashboardModelBuilder(historyPoints: Self.historyPoints)
        state = DashboardReducer.reduce(state, .configured(ViewSettings(
            sort: sort, interval: interval, shownPanes: state.shownPanes, layoutPreset: nil, readOnly: false, brailleGraph: false
        )))
    }

    /// The configuration's settings (at start and on reload): the state's through the reducer,
    /// the frame's and the signals' here.
    func applyOptions(_ options: DashboardOptions) {
        asciiOnly = options.asciiOnly
        braille = options.braille
        signals = SignalSender(procfs: options.procfs)
        inspector = ProcessInspector(procfs: options.procfs)
        configFile = options.configFile
        builder.processRows = options.processRows
        var settings = ViewSettings(
            sort: options.sort, interval: DashboardApp.seconds(options.interval), shownPanes: options.shownPanes, layoutPreset: options.layoutPreset,
            readOnly: options.readOnly, brailleGraph: options.braille && !options.asciiOnly
        )
        settings.columns = options.columns
        settings.keyBar = options.keyBar
        apply(.configured(settings))
    }

    var processRows: Int {
        get { builder.processRows }
        set { builder.processRows = newValue }
    }

    func run() -> AppState.Exit? {
        // After the configuration's settings: a feed that is not this host live turns signals off.
        for event in feed.startEvents(pipeline) { apply(event) }
        if state.snapshot == nil { startup = feed.startupSnapshot(pipeline, now: pipeline.clock()) }
        draw()
        if let afterFirstFrame {
            self.afterFirstFrame = nil
            afterFirstFrame()
            // Alerts restored from the journal show in the banner now.
            if pipeline.read({ r in r.alerts.map { !$0.state.ordered.isEmpty || !$0.notices.isEmpty } ?? false }) { draw() }
        }
        while state.isRunning {
            var fds = [pollfd(fd: wake.readFD, events: Int16(POLLIN), revents: 0)]
            if let input = backend.inputDescriptor { fds.append(pollfd(fd: input, events: Int16(POLLIN), revents: 0)) }
            // A SIGWINCH interrupts poll (EINTR); ncurses then reports KEY_RESIZE from pendingInput.
            _ = poll(&fds, nfds_t(fds.count), 1000)
            if let signal = SignalWatcher.pendingSignal {
                apply(.signal(signal))
                break
            }
            var dirty = feed.redrawsEachSecond
            if fds[0].revents & Int16(POLLIN) != 0 {
                wake.drain()
                let (events, changed) = feed.take(pipeline, now: pipeline.clock())
                for event in events {
                    if case .snapshot = event { startup = nil }
                    apply(event)
                }
                if changed || !events.isEmpty { dirty = true }
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
                case let .key(key): apply(.key(key))
                case let .mouse(event): apply(.mouse(event))
                case let .resize(width, height): apply(.resize(width: width, height: height))
                case .hangup: apply(.hangup)
                }
                dirty = true
            }
            if dirty, state.isRunning { draw() }
        }
        return state.exit
    }

    /// Carries out one of the reducer's effects.
    private func run(_ effect: AppEffect) {
        switch effect {
        case let .sendSignal(request):
            apply(.flash(signals.send(request.signal, to: request.pid, startTicks: request.startTicks, name: request.name)))
        case let .silence(request):
            guard alertRows.indices.contains(request.row) else { return }
            let alert = alertRows[request.row]
            let now = pipeline.clock()
            pipeline.withAlerts { $0.silence(alert, for: request.seconds, now: now) }
            apply(.flash("silenced \(alert.rule) for \(Format.age(request.seconds))"))
        case let .unsilence(row):
            guard alertRows.indices.contains(row) else { return }
            let alert = alertRows[row]
            let now = pipeline.clock()
            let lifted = pipeline.read { r in r.alerts?.state.silences.contains { $0.covers(alert, at: now) } ?? false }
            guard lifted else {
                apply(.flash("\(alert.rule) is not silenced"))
                return
            }
            pipeline.withAlerts { $0.unsilence(alert, now: now) }
            apply(.flash("silence lifted: \(alert.rule)"))
        case .reload:
            reload()
        case let .jump(time, text):
            // Anything recorded within a minute of the moment (the coarse buckets are a minute wide).
            let recorded = pipeline.read { r in
                r.store.window(SeriesKey("vitals_cpu_utilization_ratio"), from: time - 60, to: time + 60, points: 1).first.flatMap { $0 } != nil
            }
            if recorded {
                apply(.cursor(time))
            } else {
                let now = state.snapshot?.time ?? pipeline.clock()
                apply(.flash("nothing recorded at \(ClockText.moment(time, now: now)) (\"\(text)\"): the history does not reach back that far"))
            }
        case let .renice(target, step):
            apply(.flash(signals.renice(target, by: step)))
        case let .inspect(target, aspect):
            switch inspector.inspect(target, aspect) {
            case let .success((title, entries)): apply(.overlay(.text(title: title, entries: entries)))
            case let .failure(refusal): apply(.flash(refusal.text))
            }
        case let .saveColumns(columns):
            apply(.flash(ColumnsSaver.save(columns, to: configFile)))
        case .reconnect:
            guard let retry else {
                apply(.flash("r reconnects a dashboard attached to an agent (vitals attach)"))
                return
            }
            apply(.flash(retry() ? "reconnecting now" : "the link is up, or a connection is being made: nothing to retry"))
        }
    }

    /// `R`: the new configuration's live settings take effect now (through the pipeline, as the
    /// agent's SIGHUP does); an invalid file changes nothing and its problems show in the status
    /// line until a reload succeeds.
    private func reload() {
        guard let reloader, let applied = reloader.run() else { return }
        view = DashboardView(theme: applied.theme)
        applyOptions(applied)
        pipeline.reconfigure(interval: applied.interval, skippedInterfaces: applied.skippedInterfaces, alerts: applied.alerts)
    }

    static func host(_ snapshot: Snapshot) -> String {
        snapshot.host.hostname.isEmpty ? "localhost" : snapshot.host.hostname
    }

    /// Reduces `event` into the state and carries out the effects it returns.
    func apply(_ event: AppEvent) {
        let (next, effects) = DashboardReducer.step(state, event)
        state = next
        for effect in effects { run(effect) }
    }
}
