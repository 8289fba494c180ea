import AlertDelivery
import AlertSenders
import Collectors
import Glibc
import Pipeline
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOPosix
import SeriesStore
import ServiceLifecycle
import UnixSignals
import Synchronization
import VitalsCore

/// `vitals agent`: collection, history and alerts as the dashboard has them, served over HTTP
/// instead of drawn. SIGTERM and SIGINT shut it down gracefully (in-flight requests finish, the
/// history is saved); SIGHUP re-reads the configuration (alert rules and the interval).
public enum Agent {
    /// Runs until SIGTERM or SIGINT. `reload` re-reads the configuration on SIGHUP.
    public static func run(_ options: AgentOptions, reload: (@Sendable () -> Result<AgentOptions, AgentStartError>)? = nil) async throws {
        let logger = makeLogger(format: options.logFormat)
        // The agent draws no first frame: its first pass reads the last quarter hour of every series.
        let pipeline = TickPipeline.open(directory: options.historyDirectory, retention: options.retention, firstSpan: 15 * 60, firstSeries: nil)
        pipeline.useAlerts(AlertService.open(configuration: options.alerts, directory: options.historyDirectory, clock: pipeline.clock, delivery: AlertDeliverer.factory))
        let core = AgentCore(pipeline: pipeline, identity: HostIdentityReader.read(procfs: options.procfs, sysfs: options.sysfs))
        for notice in core.notices { logger.warning("\(notice)") }
        pipeline.withAlerts { $0.start() }
        let hub = StreamHub(maxClients: options.maxStreamClients, maxLag: options.streamMaxLag, webRate: Double(options.webStreamRate))
        pipeline.observe(AgentObserver(hub: hub, source: "vitals@\(core.host)", logger: logger).see)
        // Under systemd (Type=notify): READY=1 once listening with a first tick, STATUS= lines,
        // WATCHDOG=1 while ticks come.
        let systemd = SystemdNotifier.fromEnvironment({ getenv($0).map { String(cString: $0) } }, pid: getpid())
        let readiness = Mutex(SystemdReadiness())
        if let systemd {
            pipeline.observe { event in
                guard case let .tick(tick) = event else { return }
                let fields = readiness.withLock { $0.tick(health: tick.snapshot.health, now: monotonicSeconds()) }
                if !fields.isEmpty { systemd.send(fields) }
            }
        }
        pipeline.startCollecting(options.collectionSettings)

        let app = Application(
            router: AgentRoutes.router(core: core, settings: options.routeSettings(hub: hub)),
            server: GuardedServer.builder(
                options.limits, webSocketRouter: StreamRoute.router(core: core, hub: hub, apiKey: options.apiKey), apiKey: options.apiKey,
                ready: { core.isReady }
            ),
            configuration: .init(address: .hostname(options.listen.host, port: options.listen.port), serverName: "vitals"),
            onServerRunning: { channel in
                let address = channel.localAddress.map { "\($0)" } ?? "?"
                logger.info("serving", metadata: ["address": "\(address)"])
                if let systemd {
                    let fields = readiness.withLock { $0.listening(on: "\(options.listen.host):\(options.listen.port)") }
                    if !fields.isEmpty { systemd.send(fields) }
                }
            },
            // One event-loop thread: requests are small and served from memory (measured with
            // scripts/scrape-bench.sh; NIO's default is one per core).
            eventLoopGroupProvider: .shared(MultiThreadedEventLoopGroup(numberOfThreads: 1)),
            logger: logger
        )
        let group = ServiceGroup(
            configuration: .init(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        )
        let hangups = Task {
            for await _ in await UnixSignalsSequence(trapping: .sighup) {
                guard let reload else { continue }
                switch reload() {
                case let .success(new):
                    pipeline.reconfigure(interval: .milliseconds(Int64(new.interval * 1000)), skippedInterfaces: new.skippedInterfaces, alerts: new.alerts)
                    logger.info("configuration reloaded", metadata: ["rules": "\(new.alerts.rules.count)"])
                case let .failure(error):
                    logger.error("configuration not reloaded: \(error)")
                }
            }
        }
        defer { hangups.cancel() }
        // The watchdog is fed while ticks are at most three intervals old (10 s at least): a
        // collection that hangs lets systemd restart the agent.
        let watchdog = Task {
            guard let systemd, let period = systemd.watchdogInterval else { return }
            let staleAfter = max(10, 3 * options.interval)
            while !Task.isCancelled {
                if readiness.withLock({ $0.watchdogDue(now: monotonicSeconds(), staleAfter: staleAfter) }) { systemd.send([("WATCHDOG", "1")]) }
                try? await Task.sleep(for: period)
            }
        }
        defer { watchdog.cancel() }
        do {
            try await group.run()
        } catch {
            systemd?.send([("STOPPING", "1")])
            pipeline.finish()
            throw error
        }
        systemd?.send([("STOPPING", "1")])
        // Collecting stops, the journal's writes finish, and what the history has not saved is saved.
        pipeline.finish()
        for notice in pipeline.notices { logger.warning("\(notice)") }
        logger.info("stopped")
    }

    /// JSON lines when asked; plain lines otherwise, without our timestamps when journald holds
    /// stderr (it stamps them itself).
    static func makeLogger(format: String) -> Logger {
        let journald = JournalLogHandler.ownsStandardError(getenv("JOURNAL_STREAM").map { String(cString: $0) })
        return Logger(label: "vitals") { label in
            if format == "json" { return JSONLogHandler(label: label) }
            if journald { return JournalLogHandler() }
            return StreamLogHandler.standardError(label: label)
        }
    }

    static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

