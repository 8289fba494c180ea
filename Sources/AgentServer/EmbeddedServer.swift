import Alerting
import Dispatch
import HistoryFile
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOPosix
import SeriesStore
import Synchronization
import VitalsCore

/// `vitals --serve ADDR`: the agent's routes and stream inside the dashboard's process. The
/// dashboard collects and runs the alert engine; each tick it hands over its snapshot and its
/// alerts (`publish`), which go into a store of the server's own, so a scrape or a series query
/// never waits on the screen and the screen never waits on a client.
///
/// Decided: the served store is a second copy of the dashboard's (a few MB at the default
/// retention; `vitals agent` has one), filled once from the history file read-only after the first
/// tick, then from the ticks. Logs go nowhere (the terminal is the dashboard's); a listen address
/// that cannot be bound is an error before the screen opens.
public final class EmbeddedServer: Sendable {
    let core: AgentCore
    let hub: StreamHub
    private let task: Mutex<Task<Void, Never>?> = Mutex(nil)
    private let stopped: DispatchSemaphore
    private let historyDirectory: String?
    private let historyRead = Atomic<Bool>(false)
    /// Collectors failing at the last tick (a change is a stream item).
    private let unhealthy = Mutex<Set<String>>([])
    /// Where it listens (the bound address, port 0 resolved).
    public let address: String

    private init(core: AgentCore, hub: StreamHub, historyDirectory: String?, address: String, stopped: DispatchSemaphore) {
        self.stopped = stopped
        self.core = core
        self.hub = hub
        self.historyDirectory = historyDirectory
        self.address = address
    }

    /// Binds `options.listen` and starts serving; throws when the address cannot be bound (in use,
    /// not this host's) within 5 s.
    public static func start(_ options: AgentOptions) throws(AgentStartError) -> EmbeddedServer {
        let store = SeriesStore(retention: options.retention)
        let core = AgentCore(store: store, alerts: nil, history: nil, identity: HostIdentityReader.read(procfs: options.procfs, sysfs: options.sysfs))
        let hub = StreamHub(maxClients: options.maxStreamClients, maxLag: options.streamMaxLag)
        let logger = Logger(label: "vitals") { _ in SwiftLogNoOpLogHandler() }
        let outcome = Mutex<Result<String, AgentStartError>?>(nil)
        let settled = DispatchSemaphore(value: 0)
        let app = Application(
            router: AgentRoutes.router(core: core, apiKey: options.apiKey),
            server: GuardedServer.builder(
                options.limits, webSocketRouter: StreamRoute.router(core: core, hub: hub, apiKey: options.apiKey), apiKey: options.apiKey,
                ready: { core.isReady }
            ),
            configuration: .init(address: .hostname(options.listen.host, port: options.listen.port), serverName: "vitals"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? options.listen.port
                outcome.withLock { $0 = .success("\(options.listen.host):\(port)") }
                settled.signal()
            },
            eventLoopGroupProvider: .shared(MultiThreadedEventLoopGroup(numberOfThreads: 1)),
            logger: logger
        )
        let stopped = DispatchSemaphore(value: 0)
        let task = Task {
            do {
                try await app.runService(gracefulShutdownSignals: [])
            } catch {
                let failed = outcome.withLock { o -> Bool in
                    guard case .none = o else { return false }
                    o = .failure(AgentStartError("cannot serve on \(options.listen): \(error)"))
                    return true
                }
                if failed { settled.signal() }
            }
            stopped.signal()
        }
        if settled.wait(timeout: .now() + 5) == .timedOut {
            task.cancel()
            throw AgentStartError("cannot serve on \(options.listen): the server did not start within 5 s")
        }
        switch outcome.withLock({ $0 })! {
        case let .failure(error):
            throw error
        case let .success(address):
            let embedded = EmbeddedServer(core: core, hub: hub, historyDirectory: options.historyDirectory, address: address, stopped: stopped)
            embedded.task.withLock { $0 = task }
            return embedded
        }
    }

    /// One dashboard tick: its snapshot and its alerts after the tick (`transitions` are the
    /// tick's changes, for the stream). Called on the dashboard's thread; takes the core's lock
    /// for in-memory work only (the first call also reads the history file, once).
    public func publish(_ snapshot: Snapshot, alerts: [AlertInstance], rules: [AlertRule], transitions: [AlertTransition]) {
        if let historyDirectory, !historyRead.exchange(true, ordering: .relaxed) {
            core.readHistory(directory: historyDirectory, now: snapshot.time)
        }
        let samples = core.mirror(snapshot, alerts: alerts, rules: rules)
        let health = unhealthy.withLock { failing in
            snapshot.health.filter { h in h.isHealthy ? failing.remove(h.name) != nil : failing.insert(h.name).inserted }
        }
        if hub.count > 0 {
            hub.broadcast(StreamMessages.tick(snapshot, samples: samples, transitions: transitions, health: health, source: "vitals@\(core.host)"))
        }
    }

    /// Stops serving: open connections are closed; waits up to 3 s.
    public func stop() {
        guard let task = task.withLock({ $0 }) else { return }
        task.cancel()
        _ = stopped.wait(timeout: .now() + 3)
    }
}
