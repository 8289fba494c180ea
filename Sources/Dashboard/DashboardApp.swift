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
    /// `vitals attach` passes `attach`: a remote agent's feed instead (see `RemoteFeed`).
    /// `delivery` sends the notifications the alerts queue (nil: they wait in the outbox).
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
        replay: Replay? = nil, attach: (any RemoteFeed)? = nil, delivery: AlertDeliveryFactory? = nil
    ) throws -> Int32 {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw StartError(description: "vitals needs a terminal; for scripts use `vitals snapshot --json`")
        }
        // Before any thread starts (see MallocArenas).
        MallocArenas.limit(to: 1)
        // The command line and the configuration are read: their code (ArgumentParser's, libyaml's,
        // the runtime's first type lookups) goes back before the history file is opened.
        StartupPages.release()
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
        } else if attach != nil {
            // Another host's ticks stay in memory: this host's history file is this host's.
            recorder = HistoryRecorder(store: SeriesStore(retention: options.retention), file: nil)
        } else {
            recorder = HistoryRecorder.open(
                directory: options.historyDirectory, retention: options.retention, now: Self.now(),
                firstSpan: Double(RunLoop.historyPoints) * Self.seconds(options.interval), firstSeries: StartupSnapshot.seriesNames
            )
        }
        // What opening the history touched goes back when the run loop starts (see RunLoop).
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
        // A replay or an attach collects nothing and evaluates no alerts here (a recording's alerts
        // are in its journal; a remote agent evaluates its own).
        let local = replay == nil && attach == nil
        let collection = local ? CollectionThread(options: options, details: details, mailbox: mailbox, wake: wake) : nil
        defer { collection?.stop() }
        let view = DashboardView(theme: options.theme)
        let loop = RunLoop(
            backend: backend, view: view, recorder: recorder,
            interval: Self.seconds(options.interval), mailbox: mailbox, wake: wake, details: details, sort: options.sort
        )
        // The alert journal opens and collecting starts once the first frame is on screen: neither
        // is needed to draw it, and both compete with it for the CPU (docs/PERFORMANCE.md). The rules
        // are evaluated from the first snapshot on, as before.
        loop.afterFirstFrame = { [unowned loop] in
            if local {
                loop.alerts = AlertService.open(configuration: options.alerts, directory: options.historyDirectory, clock: { Self.now() }, delivery: delivery)
                loop.alerts?.start()
            }
            collection?.start()
        }
        defer { loop.alerts?.stop() }
        loop.processRows = options.processRows
        loop.onTick = onTick
        loop.lineDrawing = backend.lineDrawing
        loop.serving = serving
        loop.applyLayout(options)
        let inbox = RemoteInbox()
        if let attach {
            loop.startAttach(inbox: inbox, label: attach.label)
            attach.start { update in
                inbox.put(update)
                wake.wake()
            }
        }
        defer { attach?.stop() }
        if let replay, let replayEnd {
            loop.startReplay(end: replayEnd, from: replayStart, label: replay.directory)
        } else if let reload, let collection {
            loop.reloader = ConfigReload(reload: reload, running: options) { collection.update(interval: $0.interval, skippedInterfaces: $0.skippedInterfaces) }
        }
        let exit = loop.run()
        backend.shutdown()
        collection?.stop()
        attach?.stop()
        if local { recorder.finish() }
        loop.alerts?.stop()
        for notice in recorder.notices + (loop.alerts?.notices ?? []) { writeLine(STDERR_FILENO, "vitals: " + notice) }
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
