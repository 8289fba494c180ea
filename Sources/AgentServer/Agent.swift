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
        pipeline.startCollecting(options.collectionSettings)

        let app = Application(
            router: AgentRoutes.router(core: core, apiKey: options.apiKey),
            server: GuardedServer.builder(
                options.limits, webSocketRouter: StreamRoute.router(core: core, hub: hub, apiKey: options.apiKey), apiKey: options.apiKey,
                ready: { core.isReady }
            ),
            configuration: .init(address: .hostname(options.listen.host, port: options.listen.port), serverName: "vitals"),
            onServerRunning: { channel in logger.info("serving", metadata: ["address": "\(channel.localAddress.map { "\($0)" } ?? "?")"]) },
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
        do {
            try await group.run()
        } catch {
            pipeline.finish()
            throw error
        }
        // Collecting stops, the journal's writes finish, and what the history has not saved is saved.
        pipeline.finish()
        for notice in pipeline.notices { logger.warning("\(notice)") }
        logger.info("stopped")
    }

    static func makeLogger(format: String) -> Logger {
        Logger(label: "vitals") { label in
            if format == "json" { return JSONLogHandler(label: label) }
            return StreamLogHandler.standardError(label: label)
        }
    }
}

