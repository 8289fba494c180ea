import ContainerRuntime
import Testing
import TestSupport
import VitalsCore

/// The Engine API's answers read into containers: Podman's recorded, Docker's written from its
/// reference (see Fixtures/README.md).
@Suite struct EngineAPITests {
    static func json(_ path: String) throws -> JSONValue {
        let text = try #require(Fixtures.text(Fixtures.packageRoot + "/Tests/ContainerRuntimeTests/Fixtures/" + path))
        return try JSONReader.parse(text)
    }

    @Test func podmansListAndRecordsOfCreatedContainers() throws {
        let list = EngineAPI.list(try Self.json("podman-4.3.1/containers.json"))
        #expect(list.map(\.name).sorted() == ["crashy", "db", "web-1"])
        #expect(list.allSatisfy { $0.state == .created && $0.image == "localhost/bb:1" && $0.id.count == 64 && $0.health == nil })
        let web = try #require(EngineAPI.inspect(try Self.json("podman-4.3.1/inspect-web-1.json")))
        #expect(web.name == "web-1" && web.state == .created && web.exitCode == 0 && web.restartCount == 0)
        #expect(web.startedAt == nil && web.finishedAt == nil, "the zero time is never")
        #expect(web.createdAt != nil && web.health == nil, "an empty health status is no check")
        #expect(EngineAPI.runtime(try Self.json("podman-4.3.1/version.json")) == "Podman Engine 4.3.1")
        let missing = try Self.json("podman-4.3.1/inspect-missing.json")
        #expect(EngineAPI.inspect(missing) == nil)
    }

    @Test func podmansEventsNameTheContainerAndWhatHappened() throws {
        let text = try #require(Fixtures.text(Fixtures.packageRoot + "/Tests/ContainerRuntimeTests/Fixtures/podman-4.3.1/events.ndjson"))
        let events = try text.split(separator: "\n").map { try JSONReader.parse(String($0)) }.compactMap(EngineAPI.event)
        #expect(events.map(\.action) == ["create", "cleanup", "remove"])
        #expect(Set(events.map(\.id)).count == 1 && events[0].time.map { $0 > 1.7e9 } == true)
    }

    @Test func dockersStatesHealthExitCodesAndRestarts() throws {
        let list = EngineAPI.list(try Self.json("docker-api-1.45/containers.json"))
        let byName = Dictionary(uniqueKeysWithValues: list.map { ($0.name, $0) })
        #expect(byName["web"]?.state == .running && byName["web"]?.health == .healthy && byName["web"]?.isFailed == false)
        #expect(byName["worker"]?.state == .exited && byName["worker"]?.exitCode == 137 && byName["worker"]?.isFailed == true)
        #expect(byName["api"]?.health == .unhealthy && byName["api"]?.isFailed == true)
        #expect(byName["cron"]?.state == .dead && byName["cron"]?.isFailed == true)
        let worker = try #require(EngineAPI.inspect(try Self.json("docker-api-1.45/inspect-worker.json")))
        #expect(worker.restartCount == 4 && worker.exitCode == 137 && worker.image == "app/worker:3.1")
        #expect(worker.finishedAt == 1_796_621_760.25, "2026-12-07T05:36:00.25Z")
        let api = try #require(EngineAPI.inspect(try Self.json("docker-api-1.45/inspect-api.json")))
        #expect(api.health == .unhealthy && api.state == .running)
        #expect(api.startedAt == 1_796_616_600, "05:10 at +01:00 is 04:10Z")
        #expect(EngineAPI.runtime(try Self.json("docker-api-1.45/version.json")) == "Docker Engine 27.1.1")
        let text = try #require(Fixtures.text(Fixtures.packageRoot + "/Tests/ContainerRuntimeTests/Fixtures/docker-api-1.45/events.ndjson"))
        let events = try text.split(separator: "\n").map { try JSONReader.parse(String($0)) }.compactMap(EngineAPI.event)
        #expect(events.map(\.action) == ["die", "health_status: unhealthy", "destroy"], "the network's event is not a container's")
    }
}

@Suite struct JSONReaderTests {
    @Test func valuesOfEveryKind() throws {
        let v = try JSONReader.parse(#" {"a": [1, -2.5e3, true, false, null], "s": "x\"\\\/\n\u00e9\ud83d\ude00", "o": {}} "#)
        #expect(v["a"] == .array([.number(1), .number(-2500), .bool(true), .bool(false), .null]))
        #expect(v["s"]?.string == "x\"\\/\né😀")
        #expect(v["o"] == .object([:]))
        #expect(try JSONReader.parse("[]") == .array([]))
        #expect(try JSONReader.parse("\"\\ud800\"").string == "\u{FFFD}", "a lone surrogate")
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "01x", "\"abc", "\"a\u{01}\"", "tru", "[1] 2", "-", "1.", "1e", "\"\\q\""])
    func malformedTextIsAnErrorWithItsPlace(_ text: String) {
        #expect(throws: JSONReader.Failure.self) { try JSONReader.parse(text) }
    }

    @Test func depthIsBounded() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONReader.Failure.self) { try JSONReader.parse(deep) }
        let fine = String(repeating: "[", count: 60) + String(repeating: "]", count: 60)
        #expect((try? JSONReader.parse(fine)) != nil)
    }
}
