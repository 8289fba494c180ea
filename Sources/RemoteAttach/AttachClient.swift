import AsyncHTTPClient
import Collectors
import Dashboard
import Foundation
import HTTPTypes
import HummingbirdWSClient
import Logging
import NIOCore
import NIOPosix
import Synchronization
import VitalsCore

/// `vitals attach`'s feed: the remote agent's WebSocket stream (`/api/v1/stream`) for live ticks,
/// its series API for what the stream cannot carry (the minutes before attaching, and gaps).
///
/// One connection at a time, on its own task:
/// 1. `GET /api/v1/snapshot`: the host's name and interval (and the key and URL checked);
/// 2. the stream: on its first tick, the backfill up to that tick is fetched and delivered, then
///    the ticks as they come; the agent's alerts (`/api/v1/alerts`) after the first tick and after
///    every tick that carried an alert transition;
/// 3. on any failure or a stall (no frame for `stallSeconds`): `.disconnected`, a wait on the
///    `ReconnectSchedule` (2, 5, 10, then 30 s), and again from 1, forever, until `stop()`.
///
/// A stall watchdog gives up on a stream that goes quiet (its task is cancelled and whatever it
/// still delivers is dropped), so a dead peer, or a client that lost a frame (hummingbird-websocket's
/// client can lose frames that arrive with the 101; see docs/ARCHITECTURE.md), ends in a reconnect rather
/// than a hang, even if the client itself never returns.
public final class AttachClient: RemoteFeed {
    public let target: AttachTarget
    public var label: String { target.baseURL }
    let probe: AgentProbe
    private let state: Mutex<State>
    private let logger = Logger(label: "vitals.attach") { _ in SwiftLogNoOpLogHandler() }

    struct State {
        var task: Task<Void, Never>?
        var stopped = false
        /// The newest tick delivered (a reconnect backfills from it).
        var lastHeld: Double?
        var lastFrame = 0.0
        /// A backfill or alerts request is in flight: the stream's silence meanwhile is ours, not
        /// the agent's (the HTTP client's own deadlines guard the request).
        var awaitingAPI = false
        /// The current connection's number (see `connectOnce`).
        var generation = 0
        /// The wait before the next attempt, while there is one (`retryNow` cancels it).
        var waiting: Task<Void, Never>?
        var schedule: ReconnectSchedule
    }

    /// How long a silent stream is given: `stallTicks` ticks of the agent's interval, and at least
    /// `minimumStall` seconds.
    let minimumStall: Double
    let stallTicks: Double

    /// The HTTP client's own deadlines: 5 s to connect, 20 s between bytes of an answer. Its pool's
    /// own retries are off: a refused connection is reported at once, and `ReconnectSchedule` decides.
    /// `schedule`, `minimumStall` and `stallTicks` are the user's (2, 5, 10, 30 s; 10 s; five ticks)
    /// unless a test gives shorter ones.
    public init(
        target: AttachTarget, apiKey: String?, keyFile: String?, schedule: ReconnectSchedule = ReconnectSchedule(),
        minimumStall: Double = 10, stallTicks: Double = 5
    ) {
        self.target = target
        self.minimumStall = minimumStall
        self.stallTicks = stallTicks
        state = Mutex(State(schedule: schedule))
        var configuration = HTTPClient.Configuration(timeout: .init(connect: .seconds(5), read: .seconds(20)))
        configuration.connectionPool.retryConnectionEstablishment = false
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        probe = AgentProbe(target: target, apiKey: apiKey, keyFile: keyFile, client: client)
    }

    /// The first connection's check, before any screen opens: who the agent is, or why not.
    public func check() async throws(AttachError) -> String {
        try await probe.identity().host
    }

    public func start(deliver: @escaping @Sendable (RemoteUpdate) -> Void) {
        let task = Task { [self] in await run(deliver) }
        state.withLock { $0.task = task }
    }

    /// Stops the feed and shuts the HTTP client down (it must be, once; safe to call again).
    public func stop() {
        let (first, task): (Bool, Task<Void, Never>?) = state.withLock { s in
            defer { s.stopped = true }
            return (!s.stopped, s.task)
        }
        guard first else { return }
        task?.cancel()
        try? probe.client.syncShutdown()
    }

    /// Seconds without a frame before the stream counts as dead: five ticks, at least 10 s.
    func stallSeconds(interval: Double) -> Double { max(minimumStall, stallTicks * interval) }

    private func run(_ deliver: @escaping @Sendable (RemoteUpdate) -> Void) async {
        while !Task.isCancelled {
            let reason: String
            do {
                try await connectOnce(deliver)
                reason = "the agent closed the stream"
            } catch {
                reason = (error as? AttachError)?.description ?? AttachError.classify(error, address: target.address).description
            }
            if Task.isCancelled { return }
            let delay = state.withLock { $0.schedule.next() }
            deliver(.disconnected(reason: reason, retryAt: WallClock.now() + delay))
            let wait = Task<Void, Never> { _ = try? await Task.sleep(for: .milliseconds(Int(delay * 1000))) }
            state.withLock { $0.waiting = wait }
            await withTaskCancellationHandler { await wait.value } onCancel: { wait.cancel() }
            state.withLock { $0.waiting = nil }
        }
    }

    public func retryNow() -> Bool {
        guard let wait = state.withLock({ $0.waiting }) else { return false }
        wait.cancel()
        return true
    }

    private func connectOnce(_ deliver: @escaping @Sendable (RemoteUpdate) -> Void) async throws {
        let identity = try await probe.identity()
        var configuration = WebSocketClientConfiguration(maxFrameSize: 1 << 26, closeTimeout: .seconds(2), autoPing: .enabled(timePeriod: .seconds(15)))
        if let key = probe.apiKey { configuration.additionalHeaders[.authorization] = "Bearer " + key }
        let stall = stallSeconds(interval: identity.interval)
        // Each connection has a number; a connection given up on (a stall) delivers nothing more,
        // even if its handler wakes up later.
        let generation: Int = state.withLock { s in
            s.lastFrame = WallClock.now()
            s.awaitingAPI = false
            s.generation += 1
            return s.generation
        }
        let current: @Sendable () -> Bool = { [self] in state.withLock { $0.generation == generation } }
        let client = WebSocketClient(url: target.streamURL, configuration: configuration, logger: logger) { [self] inbound, outbound, _ in
            guard current() else { return }
            deliver(.connected(host: identity.host, interval: identity.interval))
            var backfilled = false
            var alertsRead = false
            for try await message in inbound.messages(maxSize: 1 << 26) {
                guard current() else { return }
                state.withLock { $0.lastFrame = WallClock.now() }
                guard case let .text(text) = message else { continue }
                switch try StreamFrameDecoder.decode(text) {
                case let .tick(tick, alertsChanged):
                    if !backfilled {
                        backfilled = true
                        let last = state.withLock { $0.lastHeld }
                        let spans = SeriesBackfill.plan(lastHeld: last, firstLive: tick.time, interval: identity.interval)
                        state.withLock { $0.awaitingAPI = true }
                        let ticks = try await probe.backfill(spans)
                        state.withLock { s in
                            s.awaitingAPI = false
                            s.lastFrame = WallClock.now()
                        }
                        guard current() else { return }
                        if !ticks.isEmpty { deliver(.backfill(ticks)) }
                    }
                    deliver(.tick(tick))
                    // The banner: on connect, and whenever a tick changed an alert.
                    if alertsChanged || !alertsRead {
                        alertsRead = true
                        state.withLock { $0.awaitingAPI = true }
                        let alerts = try await probe.alerts()
                        state.withLock { s in
                            s.awaitingAPI = false
                            s.lastFrame = WallClock.now()
                        }
                        guard current() else { return }
                        deliver(.alerts(alerts))
                    }
                    state.withLock { s in
                        s.lastHeld = tick.time
                        s.schedule.reset()
                    }
                case let .refused(reason):
                    throw AttachError.streamRefused(reason: reason)
                case .snapshot, .other:
                    continue
                }
            }
            try? await outbound.close(.normalClosure, reason: nil)
        }
        // The connection runs on a task of its own, watched: a stream that goes quiet for `stall`
        // seconds is given up on (and its task cancelled), whether or not its client ever notices.
        let (outcomes, sink) = AsyncStream<Result<WebSocketCloseFrame?, any Error>>.makeStream()
        let connection = Task {
            do {
                sink.yield(.success(try await client.run()))
            } catch {
                sink.yield(.failure(error))
            }
        }
        let watchdog = Task { [self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(Int(min(1, stall / 4) * 1000)))
                if state.withLock({ !$0.awaitingAPI && WallClock.now() - $0.lastFrame > stall }) {
                    sink.yield(.failure(AttachError.stalled(seconds: Int(stall))))
                    return
                }
            }
        }
        var outcome: Result<WebSocketCloseFrame?, any Error> = .success(nil)
        for await first in outcomes {
            outcome = first
            break
        }
        watchdog.cancel()
        state.withLock { $0.generation += 1 }
        connection.cancel()
        switch outcome {
        case let .success(close):
            if let close, close.closeCode != .normalClosure {
                throw AttachError.streamClosed(detail: close.reason ?? "code \(close.closeCode)")
            }
        case let .failure(error as AttachError):
            throw error
        case let .failure(error):
            if "\(error)".contains("upgrade") {
                throw AttachError.notAnAgent(url: target.baseURL, detail: "the stream's WebSocket upgrade was refused")
            }
            throw AttachError.classify(error, address: target.address)
        }
    }
}
