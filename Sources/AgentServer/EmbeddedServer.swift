import Alerting
import Dispatch
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOPosix
import Pipeline
import Synchronization
import VitalsCore

/// `vitals --serve ADDR`: the agent's routes and stream inside the dashboard's process, over the
/// dashboard's own pipeline: one store, one alert engine, one history file. The dashboard's
/// collection thread records each tick; the server reads what is recorded and streams each tick.
///
/// Decided: logs go nowhere (the terminal is the dashboard's); a listen address that cannot be
/// bound is an error before the screen opens.
public final class EmbeddedServer: Sendable {
    let core: AgentCore
    private let task: Mutex<Task<Void, Never>?> = Mutex(nil)
    private let stopped: DispatchSemaphore
    /// Where it listens (the bound address, port 0 resolved).
    public let address: String

    private init(core: AgentCore, address: String, stopped: DispatchSemaphore) {
        self.stopped = stopped
        self.core = core
        self.address = address
    }

    /// Binds `options.listen` and starts serving; throws when the address cannot be bound (in use,
    /// not this host's) within 5 s.
    public static func start(_ options: AgentOptions, pipeline: TickPipeline) throws(AgentStartError) -> EmbeddedServer {
        let core = AgentCore(pipeline: pipeline, identity: HostIdentityReader.read(procfs: options.procfs, sysfs: options.sysfs))
        let hub = StreamHub(maxClients: options.maxStreamClients, maxLag: options.streamMaxLag, webRate: Double(options.webStreamRate))
        pipeline.observe(AgentObserver(hub: hub, source: "vitals@\(core.host)", logger: nil).see)
        let logger = Logger(label: "vitals") { _ in SwiftLogNoOpLogHandler() }
        let outcome = Mutex<Result<String, AgentStartError>?>(nil)
        let settled = DispatchSemaphore(value: 0)
        let app = Application(
            router: AgentRoutes.router(core: core, settings: options.routeSettings(hub: hub)),
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
            let embedded = EmbeddedServer(core: core, address: address, stopped: stopped)
            embedded.task.withLock { $0 = task }
            return embedded
        }
    }

    /// Stops serving: open connections are closed; waits up to 3 s.
    public func stop() {
        guard let task = task.withLock({ $0 }) else { return }
        task.cancel()
        _ = stopped.wait(timeout: .now() + 3)
    }
}
