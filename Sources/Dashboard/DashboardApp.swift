import AlertDelivery
import Alerting
import Collectors
import Glibc
import Pipeline
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

    /// What `--serve` started beside the dashboard: where it listens, and how to stop it.
    public struct Serving: Sendable {
        public var address: String
        public var stop: @Sendable () -> Void
        public init(address: String, stop: @escaping @Sendable () -> Void) {
            self.address = address
            self.stop = stop
        }
    }

    /// Starts a server over the dashboard's pipeline (`--serve`); a refusal throws before the
    /// screen opens.
    public typealias Serve = (TickPipeline) throws -> Serving

    /// Runs until `q`, a termination signal or a hang-up; returns the process exit status.
    /// `reload` re-reads the configuration when `R` is pressed; `serve` starts a server over the
    /// same pipeline (one store for the screen and the clients).
    /// `vitals replay` passes `replay`: a recorded data directory instead of the live system.
    /// `vitals attach` passes `attach`: a remote agent's feed instead (see `RemoteFeed`).
    /// `delivery` sends the notifications the alerts queue (nil: they wait in the outbox).
    public static func run(
        _ options: DashboardOptions, environment: [String: String], reload: ConfigReloader? = nil, serve: Serve? = nil,
        replay: Replay? = nil, attach: (any RemoteFeed)? = nil, delivery: AlertDeliveryFactory? = nil
    ) throws -> Int32 {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw StartError(description: "vitals needs a terminal; for scripts use `vitals snapshot --json`")
        }
        // History is read before the screen opens, so a problem with it is known for the first frame.
        let pipeline: TickPipeline
        var replayEnd: Double?
        var replayStart: Double?
        if let replay {
            let (opened, end) = try TickPipeline.openReplay(directory: replay.directory, retention: options.retention)
            pipeline = opened
            replayEnd = end
            if let from = replay.from {
                guard let t = TimeJump.parse(from, now: end) else {
                    throw StartError(description: "cannot start the replay at \"\(from)\": " + TimeJump.help + " (times count back from the recording's end)")
                }
                replayStart = t
            }
        } else if attach != nil {
            // Another host's ticks stay in memory: this host's history file is this host's.
            pipeline = TickPipeline(store: SeriesStore(retention: options.retention), history: nil)
        } else {
            pipeline = TickPipeline.open(
                directory: options.historyDirectory, retention: options.retention,
                firstSpan: Double(RunLoop.historyPoints) * Self.seconds(options.interval), firstSeries: StartupSnapshot.seriesNames
            )
        }
        // --serve: the server binds before the screen opens, so a refusal is a plain message.
        let serving: Serving?
        do {
            serving = try serve?(pipeline)
        } catch {
            throw StartError(description: "\(error)")
        }
        defer { serving?.stop() }
        let wake = try WakePipe()
        SignalWatcher.install(wakeFD: wake.writeFD)
        var terminalEnvironment = environment
        if options.noColor { terminalEnvironment["NO_COLOR"] = "1" }
        let backend = try NcursesBackend(
            environment: terminalEnvironment, colorDepth: options.colorDepth, mouse: options.mouse, asciiOnly: options.asciiOnly
        )
        defer { backend.shutdown() }
        let details = ProcessDetailRequest()
        // A replay or an attach collects nothing and evaluates no alerts here (a recording's alerts
        // are in its journal; a remote agent evaluates its own).
        let local = replay == nil && attach == nil
        let inbox = RemoteInbox()
        let feed: any DashboardFeed
        if let replay, let replayEnd {
            feed = ReplayFeed(end: replayEnd, from: replayStart, label: replay.directory)
        } else if let attach {
            feed = AttachFeed(inbox: inbox, label: attach.label)
        } else {
            let mailbox = SnapshotMailbox()
            pipeline.observe { event in
                mailbox.put(event)
                wake.wake()
            }
            feed = LiveFeed(mailbox: mailbox)
        }
        let loop = RunLoop(
            backend: backend, view: DashboardView(theme: options.theme), pipeline: pipeline, feed: feed,
            interval: Self.seconds(options.interval), wake: wake, details: details, sort: options.sort
        )
        // The alert journal opens and collecting starts once the first frame is on screen: neither
        // is needed to draw it, and both compete with it for the CPU (docs/PERFORMANCE.md). The rules
        // are evaluated from the first snapshot on.
        if local {
            loop.afterFirstFrame = {
                pipeline.useAlerts(AlertService.open(configuration: options.alerts, directory: options.historyDirectory, clock: pipeline.clock, delivery: delivery))
                pipeline.withAlerts { $0.start() }
                pipeline.startCollecting(options.collectionSettings(details: details))
            }
            if let reload { loop.reloader = ConfigReload(reload: reload, running: options) }
        }
        loop.lineDrawing = backend.lineDrawing
        loop.serving = serving?.address
        loop.applyOptions(options)
        if let attach { loop.retry = { attach.retryNow() } }
        attach?.start { update in
            inbox.put(update)
            wake.wake()
        }
        defer { attach?.stop() }
        let exit = loop.run()
        backend.shutdown()
        attach?.stop()
        // Collecting stops, the journal's writes finish, and what the history has not saved is saved.
        if local { pipeline.finish() }
        for notice in pipeline.notices { writeLine(STDERR_FILENO, "vitals: " + notice) }
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
