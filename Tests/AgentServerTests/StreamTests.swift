@testable import AgentServer
import Foundation
import Hummingbird
import HummingbirdTesting
import HummingbirdWSTesting
import HummingbirdWSClient
import HummingbirdWebSocket
import Testing
import Synchronization
import VitalsCore

/// The WebSocket stream against a live server on loopback.
@Suite(.serialized) struct StreamTests {
    func app(_ core: AgentCore, hub: StreamHub, key: String? = nil) -> some ApplicationProtocol {
        Application(
            router: AgentRoutes.router(core: core, apiKey: key),
            server: .http1WebSocketUpgrade(webSocketRouter: StreamRoute.router(core: core, hub: hub, apiKey: key))
        )
    }

    static func now() -> Double { Date().timeIntervalSince1970 }

    /// A tick's frame is one message of 50-100 KB: more than the client's default 16 KB.
    static var large: WebSocketClientConfiguration {
        var configuration = WebSocketClientConfiguration()
        configuration.maxFrameSize = 1 << 24
        return configuration
    }

    @Test func snapshotOnConnectThenOneFramePerTickWithTheSchema() async throws {
        let core = try AgentFixture.core()
        let hub = StreamHub()
        let snapshot = AgentFixture.snapshot()
        let received = try await app(core, hub: hub).test(.live) { client -> (String, String, Double) in
            let box = Box()
            try await client.ws("/api/v1/stream", configuration: Self.large) { inbound, outbound, _ in
                var messages = inbound.messages(maxSize: 1 << 24).makeAsyncIterator()
                guard case let .text(first)? = try await messages.next() else { return }
                let sent = Self.now()
                hub.broadcast(StreamMessages.tick(snapshot, samples: snapshot.samples(), transitions: [], health: snapshot.health.prefix(1).map { $0 }, source: "vitals@fixture"))
                guard case let .text(second)? = try await messages.next() else { return }
                box.set(first, second, Self.now() - sent)
                try await outbound.close(.normalClosure, reason: nil)
            }
            return box.value
        }
        #expect(received.0.hasPrefix("{\"type\":\"snapshot\",\"data\":{"))
        let items = try #require(try JSONSerialization.jsonObject(with: Data(received.1.utf8)) as? [[String: Any]])
        #expect(items.count == snapshot.samples().count + 2)
        let load = try #require(items.first { (($0["data"] as? [String: Any])?["metric_type"] as? String) == "node_load1" })
        #expect(load["type"] as? String == "system_metric")
        let data = try #require(load["data"] as? [String: Any])
        #expect((data["time"] as? String) == "2026-11-21T22:26:40Z")
        #expect(data["value"] is Double || data["value"] is Int)
        #expect(data["source"] as? String == "vitals@fixture")
        #expect((data["meta"] as? [String: Any])?["unit"] as? String == "")
        let bytes = try #require(items.first { (($0["data"] as? [String: Any])?["metric_type"] as? String) == "node_memory_MemTotal_bytes" })
        #expect(((bytes["data"] as? [String: Any])?["meta"] as? [String: Any])?["unit"] as? String == "bytes")
        #expect(items.last?["type"] as? String == "collector_status")
        // The tick's heaviest processes (what `vitals attach` draws its process pane from).
        let processes = try #require(items.first { $0["type"] as? String == "processes" }?["data"] as? [String: Any])
        #expect(processes["time"] as? String == "2026-11-21T22:26:40Z")
        let rows = try #require(processes["processes"] as? [[String: Any]])
        #expect(!rows.isEmpty && rows.count <= 30)
        #expect(Set(rows.compactMap { $0["pid"] as? Int }).isSubset(of: Set((snapshot.processes ?? []).map { Int($0.pid) })))
        #expect(rows.allSatisfy { $0["name"] is String && $0["user"] is String && $0["resident_bytes"] is Int && $0["cpu_percent"] is Double })
        #expect(hub.count == 0, "the client left")
    }

    @Test func theKeyIsCheckedOnTheHandshake() async throws {
        let core = try AgentFixture.core()
        try await app(core, hub: StreamHub(), key: "k3y").test(.live) { client in
            await #expect(throws: (any Error).self) {
                try await client.ws("/api/v1/stream") { _, _, _ in }
            }
            var configuration = Self.large
            configuration.additionalHeaders[.authorization] = "Bearer k3y"
            let close = try await client.ws("/api/v1/stream", configuration: configuration) { inbound, outbound, _ in
                var messages = inbound.messages(maxSize: 1 << 24).makeAsyncIterator()
                _ = try await messages.next()
                try await outbound.close(.normalClosure, reason: nil)
            }
            #expect(close?.closeCode == .normalClosure)
            let byQuery = try await client.ws("/api/v1/stream?api_key=k3y", configuration: Self.large) { inbound, outbound, _ in
                var messages = inbound.messages(maxSize: 1 << 24).makeAsyncIterator()
                _ = try await messages.next()
                try await outbound.close(.normalClosure, reason: nil)
            }
            #expect(byQuery?.closeCode == .normalClosure)
        }
    }

    @Test func theClientBeyondTheLimitIsClosedPolitely() async throws {
        let core = try AgentFixture.core()
        let hub = StreamHub(maxClients: 1)
        try await app(core, hub: hub).test(.live) { client in
            let (told, second) = try await Self.secondOfOne(client, first: "/api/v1/stream", second: "/api/v1/stream", configuration: Self.large)
            // A refused client gets no snapshot: it is told why, then closed.
            #expect(told == "{\"type\":\"refused\",\"data\":{\"reason\":\"too many stream clients (1); try again later\"}}")
            #expect(second?.closeCode == .unknown(1013))
            #expect(second?.reason == "too many stream clients (1); try again later")
        }
    }

    /// With room for one client: the first holds its place until the second has been turned away
    /// (a fixed wait let a loaded machine close the first before the second arrived, and the
    /// second, admitted, then waited for ever). The second's first message and its close.
    static func secondOfOne(
        _ client: some TestClientProtocol, first: String, second: String, configuration: WebSocketClientConfiguration
    ) async throws -> (String, WebSocketCloseFrame?) {
        let firstIn = Box()
        let secondDone = Box()
        async let held: WebSocketCloseFrame? = client.ws(first, configuration: configuration) { inbound, outbound, _ in
            var messages = inbound.messages(maxSize: 1 << 24).makeAsyncIterator()
            _ = try await messages.next()
            firstIn.set("in", "", 0)
            while secondDone.value.0.isEmpty { try await Task.sleep(for: .milliseconds(20)) }
            try await outbound.close(.normalClosure, reason: nil)
        }
        while firstIn.value.0.isEmpty { try await Task.sleep(for: .milliseconds(20)) }
        let told = Box()
        let close = try await client.ws(second, configuration: configuration) { inbound, _, _ in
            var messages = inbound.messages(maxSize: 1 << 24).makeAsyncIterator()
            if case let .text(text)? = try await messages.next() { told.set(text, "", 0) }
            while try await messages.next() != nil {}
        }
        secondDone.set("done", "", 0)
        _ = try await held
        return (told.value.0, close)
    }

    @Test func aSlowClientLosesIntermediateFramesNeverTheNewest() {
        let hub = StreamHub(maxClients: 5, maxLag: 10)
        guard let (id, _) = hub.join(now: 0) else {
            Issue.record("could not join")
            return
        }
        for n in 1...5 { hub.broadcast("frame \(n)") }
        #expect(hub.take(id) == "frame 5")
        #expect(hub.take(id) == nil)
        hub.broadcast("frame 6")
        #expect(!hub.isLagging(id, now: 5))
        #expect(hub.isLagging(id, now: 11), "a frame waiting and no write for more than maxLag")
        hub.wrote(id, now: 11)
        #expect(!hub.isLagging(id, now: 12))
        hub.leave(id)
        #expect(hub.count == 0)
    }
}

/// Carries values out of a WebSocket handler.
final class Box: Sendable {
    private let stored = Mutex<(String, String, Double)>(("", "", 0))
    func set(_ a: String, _ b: String, _ c: Double) { stored.withLock { $0 = (a, b, c) } }
    var value: (String, String, Double) { stored.withLock { $0 } }
}
