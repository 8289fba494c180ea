import Collectors
import ContainerRuntime
import Glibc
import Synchronization
import Testing
import TestSupport
import VitalsCore

/// The HTTP reader and the watcher against a runtime on a unix socket in the test (`FakeEngine`),
/// serving the recorded and written answers: framing, deadlines, events, failures.
@Suite(.serialized) struct WatcherTests {
    static func fixture(_ path: String) -> String {
        Fixtures.text(Fixtures.packageRoot + "/Tests/ContainerRuntimeTests/Fixtures/" + path) ?? ""
    }

    func engine(_ name: String) throws -> FakeEngine {
        let dir = Fixtures.temporaryDirectory("vitals-engine")
        return try FakeEngine(path: dir + "/\(name).sock")
    }

    @Test func answersByLengthAndByChunksAndErrorsWithTheRuntimesMessage() throws {
        let engine = try engine("http")
        defer { engine.stop() }
        let body = Self.fixture("docker-api-1.45/containers.json")
        engine.answer("/a", .init(body))
        engine.answer("/b", .init(body, chunked: true))
        engine.answer("/gone", .init(status: 404, Self.fixture("podman-4.3.1/inspect-missing.json")))
        let http = UnixHTTP(socketPath: engine.path, timeout: 2)
        #expect(try http.get("/a") == Array(body.utf8))
        #expect(try http.get("/b") == Array(body.utf8), "chunks of 100 bytes put together")
        #expect(throws: EngineError.http(status: 404, message: "no container with name or ID \"nope\" found: no such container")) { try http.get("/gone") }
        #expect(throws: EngineError.self) { try UnixHTTP(socketPath: engine.path + ".none").get("/a") }
    }

    @Test func aRuntimeThatNeverAnswersCostsItsDeadline() throws {
        let engine = try engine("hang")
        defer { engine.stop() }
        engine.hang(true)
        let start = UnixHTTP.now()
        #expect(throws: EngineError.timeout(engine.path, seconds: 0.3)) { try UnixHTTP(socketPath: engine.path, timeout: 0.3).get("/version") }
        let took = UnixHTTP.now() - start
        #expect(took >= 0.3 && took < 1.5, "\(took) s")
    }

    @Test func theWatcherListsThenFollowsEvents() async throws {
        let engine = try engine("watch")
        defer { engine.stop() }
        engine.answer("/version", .init(Self.fixture("docker-api-1.45/version.json")))
        engine.answer("/containers/json", .init(Self.fixture("docker-api-1.45/containers.json"), chunked: true))
        let worker = "9b8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b"
        let cron = "1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b"
        engine.answer("/containers/\(worker)/json", .init(Self.fixture("docker-api-1.45/inspect-worker.json")))
        let api = "5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d"
        engine.answer("/containers/\(api)/json", .init(Self.fixture("docker-api-1.45/inspect-api.json"), chunked: true))
        // The recorded events' hour: cron's destroy is 10 s old.
        let clock = Mutex(1_796_621_960.0)
        let watcher = ContainerWatcher(candidates: ["/nowhere.sock", engine.path], timeout: 1, clock: { clock.withLock { $0 } })
        watcher.start()
        defer { watcher.stop() }
        #expect(await Shell.waitUntil(seconds: 5) { watcher.view.reading?.containers.count == 4 })
        let reading = try #require(watcher.view.reading)
        #expect(reading.socket == engine.path && reading.runtime == "Docker Engine 27.1.1")
        // The list's summary, completed by each container's record where the runtime has one.
        #expect(reading.containers.first { $0.name == "worker" }?.restartCount == 4)
        #expect(engine.requests.contains { $0.hasPrefix("/events?since=") && $0.contains("container") })
        // A destroy removes (cron was dead: it stays listed, removed at the event's time); a die
        // is read again.
        let lines = Self.fixture("docker-api-1.45/events.ndjson").split(separator: "\n").map(String.init)
        for line in lines { engine.emit(line) }
        #expect(await Shell.waitUntil(seconds: 5) { watcher.view.reading?.containers.first { $0.id == cron }?.removedAt == 1_796_621_950 })
        #expect(engine.requests.filter { $0 == "/containers/\(worker)/json" }.count >= 2, "the die read the worker again")
        #expect(watcher.view.reading?.containers.first { $0.name == "api" }?.health == .unhealthy)
        // The collector copies the reading into the tick.
        var collector = ContainersCollector(watcher: watcher)
        var snapshot = Snapshot(time: 1, host: HostInfo(hostname: "h"))
        try collector.collect(into: &snapshot)
        #expect(snapshot.containers?.containers.count == 4)
        let samples = snapshot.samples()
        #expect(samples.contains { $0.key == SeriesKey("vitals_container_state", ["name": "worker", "state": "exited"]) && $0.value == 1 })
        #expect(samples.contains { $0.key == SeriesKey("vitals_container_crashed", ["name": "cron"]) && $0.value == 1 }, "the crash outlives its container")
        #expect(samples.first { $0.key == SeriesKey("vitals_containers") }?.value == 3, "the runtime's own")
        // An hour after its removal the dead container is forgotten, with no event to say so.
        clock.withLock { $0 += RemovedContainers.keepSeconds }
        #expect(watcher.view.reading?.containers.contains { $0.id == cron } == false)
        #expect(watcher.view.reading?.containers.count == 3)
    }

    @Test func noSocketAndAHungRuntimeAreProblemsNotHangs() async throws {
        let missing = ContainerWatcher(candidates: ["/nowhere/docker.sock"], timeout: 0.3)
        missing.start()
        defer { missing.stop() }
        #expect(await Shell.waitUntil(seconds: 3) { missing.view.problem != nil })
        #expect(missing.view.problem == .noSocket(["/nowhere/docker.sock"]))
        var collector = ContainersCollector(watcher: missing)
        var snapshot = Snapshot(time: 1, host: HostInfo(hostname: "h"))
        #expect(throws: (any Error).self) { try collector.collect(into: &snapshot) }
        #expect(snapshot.containers == nil)

        let engine = try engine("hung")
        defer { engine.stop() }
        engine.hang(true)
        let hung = ContainerWatcher(candidates: [engine.path], timeout: 0.3)
        hung.start()
        defer { hung.stop() }
        #expect(await Shell.waitUntil(seconds: 3) { hung.view.problem != nil })
        #expect(hung.view.problem == .timeout(engine.path, seconds: 0.3))
        // A tick while the runtime hangs takes no time: it copies what the watcher holds.
        var tick = ContainersCollector(watcher: hung)
        let start = UnixHTTP.now()
        _ = try? tick.collect(into: &snapshot)
        #expect(UnixHTTP.now() - start < 0.05)
    }
}
