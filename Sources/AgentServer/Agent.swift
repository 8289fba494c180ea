import AlertDelivery
import AlertSenders
import Collectors
import Glibc
import HistoryFile
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
        // Before the collection and server threads start (see MallocArenas).
        MallocArenas.limit(to: 1)
        let logger = makeLogger(format: options.logFormat)
        let store = SeriesStore(retention: options.retention)
        var history: HistoryFile?
        var notices: [String] = []
        if let directory = options.historyDirectory {
            do {
                history = try HistoryFile.open(directory: directory, store: store, now: now(), recentBuckets: 15)
            } catch {
                notices.append("history not kept: \(error)")
            }
        }
        let alerts = AlertService.open(configuration: options.alerts, directory: options.historyDirectory, clock: { now() }, delivery: AlertDeliverer.factory)
        let core = AgentCore(store: store, alerts: alerts, history: history, identity: HostIdentityReader.read(procfs: options.procfs, sysfs: options.sysfs), notices: notices)
        for notice in core.notices { logger.warning("\(notice)") }
        core.startAlerts()
        let hub = StreamHub(maxClients: options.maxStreamClients, maxLag: options.streamMaxLag)
        let collection = AgentCollection.start(options: options, core: core, hub: hub, logger: logger)

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
                    core.reconfigure(new.alerts)
                    collection.update(interval: new.interval, skippedInterfaces: new.skippedInterfaces)
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
            collection.stop()
            core.stopAlerts()
            core.finish()
            throw error
        }
        collection.stop()
        core.stopAlerts()
        core.finish()
        logger.info("stopped")
    }

    static func makeLogger(format: String) -> Logger {
        Logger(label: "vitals") { label in
            if format == "json" { return JSONLogHandler(label: label) }
            return StreamLogHandler.standardError(label: label)
        }
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

/// The agent's collection thread: one snapshot per interval into the core.
final class AgentCollection: Sendable {
    private let stopRequested = Atomic<Bool>(false)
    private let intervalMilliseconds: Atomic<Int64>
    /// Interfaces left out of each snapshot; a reload (SIGHUP) changes them, as `R` does in the dashboard.
    private let skippedInterfaces: Mutex<Set<String>>

    private init(interval: Double, skippedInterfaces: Set<String>) {
        intervalMilliseconds = Atomic(Int64(max(100, interval * 1000)))
        self.skippedInterfaces = Mutex(skippedInterfaces)
    }

    static func start(options: AgentOptions, core: AgentCore, hub: StreamHub, logger: Logger) -> AgentCollection {
        let collection = AgentCollection(interval: options.interval, skippedInterfaces: options.skippedInterfaces)
        let procfs = options.procfs, sysfs = options.sysfs, ignored = options.ignoredFilesystemTypes
        let disabled = options.disabledCollectors, intervals = options.collectorIntervals
        BackgroundThread.run {
            let registry = CollectorRegistry(
                collectors: StandardCollectors.make(procfs: procfs, sysfs: sysfs, processDetails: .none, ignoredFilesystemTypes: ignored)
                    .filter { !disabled.contains($0.name) },
                intervals: intervals, clock: ContinuousClock()
            )
            let clock = ContinuousClock()
            var next = clock.now
            var first = true
            var unhealthy = Set<String>()
            var ticks = 0
            while !collection.stopRequested.load(ordering: .acquiring) {
                var snapshot = registry.collect()
                let skipped = collection.skippedInterfaces.withLock { $0 }
                if !skipped.isEmpty { snapshot.network?.removeAll { skipped.contains($0.name) } }
                let (samples, transitions) = core.record(snapshot)
                // Start-up's code pages go back once the steady state runs (see StartupPages).
                ticks += 1
                if ticks == 3 { StartupPages.release() }
                // A collector's health changing is worth a log line and a stream item (once).
                var changed: [CollectorHealth] = []
                for h in snapshot.health {
                    if !h.isHealthy, unhealthy.insert(h.name).inserted {
                        logger.warning("collector failing", metadata: ["collector": "\(h.name)", "error": "\(h.lastError ?? "?")"])
                        changed.append(h)
                    } else if h.isHealthy, unhealthy.remove(h.name) != nil {
                        logger.info("collector recovered", metadata: ["collector": "\(h.name)"])
                        changed.append(h)
                    }
                }
                if hub.count > 0 {
                    hub.broadcast(StreamMessages.tick(snapshot, samples: samples, transitions: transitions, health: changed, source: "vitals@\(core.host)"))
                }
                let interval = Duration.milliseconds(collection.intervalMilliseconds.load(ordering: .relaxed))
                next = next.advanced(by: first ? .milliseconds(250) : interval)
                first = false
                let now = clock.now
                if next < now { next = now.advanced(by: interval) }
                BackgroundThread.sleep(now.duration(to: next))
            }
        }
        return collection
    }

    func update(interval: Double, skippedInterfaces: Set<String>) {
        intervalMilliseconds.store(Int64(max(100, interval * 1000)), ordering: .relaxed)
        self.skippedInterfaces.withLock { $0 = skippedInterfaces }
    }

    func stop() { stopRequested.store(true, ordering: .releasing) }
}
