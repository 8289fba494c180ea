import Glibc
import Synchronization
import VitalsCore

/// Keeps the runtime's containers current off the tick: on a thread of its own it reads the whole
/// list (and each container's record), then follows `/events`, reading again only the container an
/// event names; after a failure it waits (1, 2, 5, then every 10 s) and starts over with the
/// whole list. A tick only copies what the watcher holds, so a slow or hung runtime never holds
/// one up. A failed container that is removed stays listed for an hour (`RemovedContainers`).
public final class ContainerWatcher: Sendable {
    /// What a tick copies.
    public struct View: Sendable, Equatable {
        public var reading: ContainerReading?
        /// Why there is no reading now (or the last failure since it).
        public var problem: EngineError?
    }

    private struct State {
        var view = View()
        /// Failed containers removed within the hour, listed after the runtime's own.
        var removed = RemovedContainers()
        /// The runtime's containers as last published: those a new list lacks went meanwhile.
        var listedBefore: [ContainerInfo] = []
        var stopping = false
    }

    private let state = Mutex(State())
    public let candidates: [String]
    private let timeout: Double
    private let threadStarted = Mutex(false)

    /// `candidates`: the sockets to try, in order (`ContainerSocket.candidates`).
    private let clock: @Sendable () -> Double

    public init(candidates: [String], timeout: Double = 2, clock: @escaping @Sendable () -> Double = WallClock.now) {
        self.candidates = candidates
        self.timeout = timeout
        self.clock = clock
    }

    /// What the runtime said last, without the removed containers whose hour has passed since
    /// (a quiet runtime sends no event that would prune them).
    public var view: View {
        var view = state.withLock { $0.view }
        if let reading = view.reading, reading.containers.contains(where: { $0.removedAt != nil }) {
            let now = clock()
            view.reading?.containers = reading.containers.filter { now - ($0.removedAt ?? now) < RemovedContainers.keepSeconds }
        }
        return view
    }

    /// Starts the thread once; later calls do nothing.
    public func start() {
        let first = threadStarted.withLock { started in
            defer { started = true }
            return !started
        }
        guard first else { return }
        BackgroundThread.run { [self] in run() }
    }

    /// Waits until the first list is read or the first attempt failed, at most `seconds` (for
    /// `vitals snapshot`, which reads once).
    public func waitForFirstAnswer(seconds: Double) {
        let until = UnixHTTP.now() + seconds
        while UnixHTTP.now() < until, view == View() { usleep(10_000) }
    }

    /// Ends the thread at its next wait (within a quarter of a second).
    public func stop() {
        state.withLock { $0.stopping = true }
    }

    private var stopping: Bool { state.withLock { $0.stopping } }

    private func run() {
        let delays: [Double] = [1, 2, 5]
        var failures = 0
        while !stopping {
            do {
                try follow()
            } catch {
                // What was listed is no longer known to be true: the list is read again on the
                // next connection, within a second when the runtime is back.
                let listed = state.withLock { s in
                    defer {
                        s.view.reading = nil
                        s.view.problem = error
                    }
                    return s.view.reading != nil
                }
                if listed { failures = 0 }
            }
            let delay = failures < delays.count ? delays[failures] : 10
            failures += 1
            let until = UnixHTTP.now() + delay
            while !stopping, UnixHTTP.now() < until { usleep(100_000) }
        }
    }

    /// One connection's life: the list, then the events until the stream ends.
    private func follow() throws(EngineError) {
        guard let socket = ContainerSocket.first(of: candidates) else { throw .noSocket(candidates) }
        let http = UnixHTTP(socketPath: socket, timeout: timeout)
        let runtime = (try? JSONReader.parse(http.get("/version"))).flatMap(EngineAPI.runtime)
        // Events from now on are read after the list, so nothing between the two is lost: the
        // stream starts at the moment the list was asked for.
        let since = Int(clock())
        let listed = try parse(http.get("/containers/json?all=1"), EngineAPI.list)
        var containers: [String: ContainerInfo] = [:]
        for summary in listed {
            containers[summary.id] = (try? inspect(http, summary.id)) ?? summary
        }
        let now = clock()
        state.withLock { s in
            s.removed.relisted(before: s.listedBefore, now: containers, at: now)
        }
        publish(containers, socket: socket, runtime: runtime, problem: nil)
        var failure: EngineError?
        try http.stream("/events?since=\(since)&filters=%7B%22type%22%3A%5B%22container%22%5D%7D", keepGoing: { !self.stopping }) { line in
            guard let json = try? JSONReader.parse(line), let event = EngineAPI.event(json) else { return true }
            // Docker says destroy, Podman remove.
            func forget() {
                guard let gone = containers.removeValue(forKey: event.id) else { return }
                let time = event.time ?? clock()
                state.withLock { $0.removed.removed(gone, at: time) }
            }
            if event.action == "destroy" || event.action == "remove" {
                forget()
            } else {
                do throws(EngineError) {
                    containers[event.id] = try inspect(http, event.id)
                } catch {
                    if case .http(404, _) = error { forget() } else { failure = error }
                }
            }
            publish(containers, socket: socket, runtime: runtime, problem: failure)
            return true
        }
        if !stopping { throw failure ?? .connection(socket, errno: ECONNRESET) }
    }

    private func inspect(_ http: UnixHTTP, _ id: String) throws(EngineError) -> ContainerInfo {
        guard let info = try parse(http.get("/containers/\(id)/json"), EngineAPI.inspect) else {
            throw .malformed("a container's record without an id or a state")
        }
        return info
    }

    private func parse<T>(_ body: [UInt8], _ read: (JSONValue) -> T) throws(EngineError) -> T {
        do {
            return read(try JSONReader.parse(body))
        } catch {
            throw .malformed(error.description)
        }
    }

    private func publish(_ containers: [String: ContainerInfo], socket: String, runtime: String?, problem: EngineError?) {
        let now = clock()
        state.withLock { s in
            s.removed.prune(present: containers.values, now: now)
            let ordered = (Array(containers.values) + s.removed.containers).sorted { ($0.name, $0.id) < ($1.name, $1.id) }
            s.view.reading = ContainerReading(socket: socket, runtime: runtime, containers: ordered)
            s.view.problem = problem
            s.listedBefore = Array(containers.values)
        }
    }
}
