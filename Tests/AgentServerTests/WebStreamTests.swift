@testable import AgentServer
import Alerting
import ContainerRuntime
import Foundation
import Hummingbird
import HummingbirdTesting
import HummingbirdWSClient
import HummingbirdWSTesting
import HummingbirdWebSocket
import Synchronization
import Testing
import VitalsCore

/// The web clients' stream (`/api/system/ws`, `/ws/system`): the seed's message shapes field by
/// field, channels, errors on malformed messages, the rate limit, the key and the client limit.
@Suite(.serialized) struct WebStreamTests {
    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func data(_ text: String) throws -> [String: Any] {
        try #require(try object(text)["data"] as? [String: Any])
    }

    /// The fixture with a running container (its cgroup under crun's inner group) and a dead one.
    static func snapshot() -> Snapshot {
        var s = AgentFixture.snapshot()
        // Two readings of one captured tree have no time between them: a measured split, pinned.
        s.cpu?.usage = CPUUsage(busy: 0.375, user: 0.25, system: 0.125, iowait: 0, steal: 0)
        s.cpu?.coreBusy = [0.5, nil]
        let id = String(repeating: "ab", count: 32)
        var redis = ContainerInfo(id: id, name: "redis", image: "redis:7", state: .running)
        redis.health = .healthy
        var batch = ContainerInfo(id: String(repeating: "cd", count: 32), name: "batch", image: "busybox", state: .dead)
        batch.exitCode = 1
        s.containers = ContainerReading(socket: "s", runtime: "Docker 27", containers: [batch, redis])
        var group = CgroupUsage(path: "/machine.slice/libpod-\(id).scope/container", name: "podman:abababababab", processCount: 3)
        group.cpuPercent = 42.5
        group.memoryCurrentBytes = 256 << 20
        group.memoryMaxBytes = 1 << 30
        s.cgroups = (s.cgroups ?? []) + [group]
        return s
    }

    @Test func theSeedsShapesFieldByField() throws {
        let s = Self.snapshot()
        let items = WebStreamMessages.onConnect(s)
        let metrics = try items.filter { try Self.object($0.text)["type"] as? String == "system_metric" }.map { try Self.data($0.text) }
        let host = Dictionary(metrics.filter { $0["source"] as? String == "host" }.map { ($0["metric_type"] as? String ?? "?", $0) }, uniquingKeysWith: { a, _ in a })
        #expect(Set(host.keys) == ["cpu", "memory", "disk", "swap", "load", "network_rx", "network_tx"])
        for (type, d) in host {
            #expect(Set(d.keys) == ["time", "metric_type", "value", "source", "meta"], "\(type)")
            #expect(d["time"] as? String == "2026-11-21T22:26:40Z")
            #expect(d["value"] is Double || d["value"] is Int)
        }
        func meta(_ type: String) -> [String: Any] { host[type]?["meta"] as? [String: Any] ?? [:] }
        for type in ["cpu", "memory", "disk", "swap"] {
            #expect(meta(type)["unit"] as? String == "percent")
            let value = (host[type]?["value"] as? NSNumber)?.doubleValue ?? -1
            #expect((0...100).contains(value), "\(type) \(value)")
        }
        #expect(meta("network_rx")["unit"] as? String == "bytes_per_second" && meta("network_tx")["unit"] as? String == "bytes_per_second")
        #expect(meta("load")["unit"] as? String == "load" && meta("load")["load5"] != nil && meta("load")["load15"] != nil)
        // df's Use%: used / (used + available) of the pinned 100 GB with 40 free and 35 available.
        #expect((host["disk"]?["value"] as? NSNumber)?.doubleValue == 63.16 && meta("disk")["mountpoint"] as? String == "/")
        #expect((host["cpu"]?["value"] as? NSNumber)?.doubleValue == 37.5)
        #expect((meta("cpu")["cores"] as? [Any]).map { "\($0)" } == "[50, <null>]", "a core without a reading is null")
        #expect((host["memory"]?["value"] as? NSNumber)?.doubleValue == ((Double(s.memory!.used) / Double(s.memory!.total) * 10_000).rounded() / 100))
        // The running container's figures under its name; the dead one has none.
        let redis = metrics.filter { $0["source"] as? String == "redis" }
        #expect(redis.compactMap { $0["metric_type"] as? String }.sorted() == ["cpu", "memory"])
        #expect((redis.first { $0["metric_type"] as? String == "cpu" }?["value"] as? NSNumber)?.doubleValue == 42.5)
        #expect((redis.first { $0["metric_type"] as? String == "memory" }?["value"] as? NSNumber)?.doubleValue == 25)
        #expect(!metrics.contains { $0["source"] as? String == "batch" })
        // Every container's status, each its own message, on the containers channel.
        let statuses = try items.filter { try Self.object($0.text)["type"] as? String == "container_status" }
        #expect(statuses.allSatisfy { $0.channel == .containers && $0.isEvent })
        let dead = try Self.data(try #require(statuses.first).text)
        #expect(dead["container"] as? String == "batch" && dead["status"] as? String == "dead" && dead["time"] as? String == "2026-11-21T22:26:40Z")
        #expect(items.contains { $0.channel == .processes && !$0.isEvent })
        #expect(items.filter { $0.channel == .system }.count == 7)
    }

    @Test func alertsAreEventsOfTheirChannel() throws {
        let s = Self.snapshot()
        let instance = AlertInstance(rule: "load-high", labels: AlertLabels(["host": "h"]), severity: .warning, phase: .firing, activeSince: s.time, value: 3)
        let transition = AlertTransition(time: s.time, instance: instance, from: .pending, to: .firing)
        let items = WebStreamMessages.tick(s, transitions: [transition], containers: [])
        let alert = try #require(items.first { $0.channel == .alerts })
        #expect(alert.isEvent)
        let object = try Self.object(alert.text)
        #expect(object["type"] as? String == "alert")
        let data = try Self.data(alert.text)
        #expect(data["name"] as? String == "load-high" && data["to"] as? String == "firing" && data["severity"] as? String == "warning")
    }

    @Test(arguments: [
        ("nonsense", "not a JSON object"),
        ("[1,2]", "not a JSON object"),
        (#"{"channels":["system"]}"#, "no \"type\""),
        (#"{"type":"dance"}"#, "unknown type \"dance\""),
        (#"{"type":"subscribe"}"#, "subscribe needs \"channels\""),
        (#"{"type":"subscribe","channels":[]}"#, "subscribe needs \"channels\""),
        (#"{"type":"subscribe","channels":["sytem"]}"#, "unknown channel \"sytem\": the channels are system, containers, alerts, processes"),
        (#"{"type":"unsubscribe","channels":[42]}"#, "unknown channel 42"),
    ])
    func malformedMessagesSayWhy(text: String, reason: String) {
        guard case let .failure(problem) = WebClientMessage.parse(text) else {
            Issue.record("accepted \(text)")
            return
        }
        #expect(problem.reason.hasPrefix(reason), "\(problem.reason)")
    }

    @Test func wellFormedMessages() {
        #expect(WebClientMessage.parse(#"{"type":"subscribe","channels":["alerts","processes"]}"#) == .success(.subscribe([.alerts, .processes])))
        #expect(WebClientMessage.parse(#"{"type":"unsubscribe","channels":["system"]}"#) == .success(.unsubscribe([.system])))
        #expect(WebClientMessage.parse(#"{"type":"ping"}"#) == .success(.ping))
        #expect(WebClientMessage.parse(String(repeating: " ", count: 5000) + #"{"type":"ping"}"#) != .success(.ping), "too long")
    }

    @Test func aQueueKeepsEventsSupersedesFiguresAndHoldsToItsRate() throws {
        let hub = StreamHub(maxClients: 3, maxLag: 10, webRate: 4)
        let (id, _) = try #require(hub.join(now: 0, channels: WebStreamChannel.defaults))
        hub.broadcast(frame: nil, items: [.figure(.system, "cpu 1"), .event(.containers, "redis exited"), .event(.alerts, "alert"), .figure(.processes, "top")])
        hub.broadcast(frame: nil, items: [.figure(.system, "cpu 2")])
        #expect(hub.takeMessages(id, now: 0) == ["redis exited", "cpu 2"], "the older figure superseded; other channels filtered")
        // 4 a second: the bucket had 4, two went; two more figures pass, the rest are dropped.
        hub.broadcast(frame: nil, items: (1...4).map { .figure(.system, "f\($0)") } + [.event(.containers, "web removed")])
        #expect(hub.takeMessages(id, now: 0) == ["f1", "f2", "web removed"], "events pass the limit")
        #expect(hub.dropped(id) == 2)
        hub.broadcast(frame: nil, items: [.figure(.system, "later")])
        #expect(hub.takeMessages(id, now: 1) == ["later"], "refilled after a second")
        // Leaving a channel takes its queued messages with it.
        hub.broadcast(frame: nil, items: [.figure(.system, "cpu 3"), .event(.containers, "c")])
        #expect(hub.subscribe(id) { $0.subtract([.system]) } == [.containers])
        hub.reply(id, "subscribed")
        #expect(hub.takeMessages(id, now: 2) == ["c", "subscribed"])
        // Frame clients and web clients share the limit, and each gets its own kind.
        let (frames, _) = try #require(hub.join(now: 0))
        #expect(hub.kinds.frames == 1 && hub.kinds.web == 1)
        hub.broadcast(frame: "frame", items: [.event(.containers, "x")])
        #expect(hub.take(frames) == "frame" && hub.takeMessages(frames, now: 3).isEmpty)
        #expect(hub.takeMessages(id, now: 3) == ["x"] && hub.take(id) == nil)
        #expect(hub.join(now: 0, channels: []) != nil && hub.join(now: 0) == nil, "three at most")
    }

    /// `host_details`: whole disks that did I/O, filesystems with df's Use%, interfaces but
    /// loopback that carried a byte, every collector's health.
    @Test func theDetailsMessageFieldByField() throws {
        var s = Self.snapshot()
        s.health[0].consecutiveFailures = 5
        s.health[0].lastError = "cannot read /proc/stat"
        s.disks = (s.disks ?? []) + [
            DiskIO(name: "sdz1", major: 8, minor: 241, readsCompleted: 10, sectorsRead: 80, writesCompleted: 0, sectorsWritten: 0, ioMilliseconds: 1, isWholeDisk: false),
            DiskIO(name: "sdy", major: 8, minor: 224, readsCompleted: 0, sectorsRead: 0, writesCompleted: 0, sectorsWritten: 0, ioMilliseconds: 0),
        ]
        let message = try Self.object(WebStreamMessages.details(s, time: "2026-11-21T22:26:40Z"))
        #expect(message["type"] as? String == "host_details")
        let data = try Self.data(WebStreamMessages.details(s, time: "2026-11-21T22:26:40Z"))
        #expect(data["time"] as? String == "2026-11-21T22:26:40Z")
        #expect(data["host"] as? String == s.host.hostname)
        #expect((data["uptime_seconds"] as? NSNumber)?.doubleValue == s.host.uptimeSeconds)
        #expect(data["interval_seconds"] is NSNumber || s.interval == nil)
        let disks = try #require(data["disks"] as? [[String: Any]])
        let whole = (s.disks ?? []).filter { $0.isWholeDisk && ($0.readsCompleted > 0 || $0.writesCompleted > 0) }
        #expect(disks.map { $0["device"] as? String } == whole.map(\.displayName))
        #expect(!whole.isEmpty && !disks.contains { ["sdz1", "sdy"].contains($0["device"] as? String) }, "partitions and idle disks are left out")
        for d in disks { #expect(Set(d.keys) == ["device", "read_bytes_per_second", "written_bytes_per_second", "busy_percent"]) }
        let filesystems = try #require(data["filesystems"] as? [[String: Any]])
        #expect(filesystems.count == (s.filesystems ?? []).count)
        // 60 GB used of 100 GB, 35 GB available: df's Use% is used / (used + available).
        #expect((filesystems.first?["used_percent"] as? NSNumber)?.doubleValue == 63.16)
        #expect((filesystems.first?["used_bytes"] as? NSNumber)?.int64Value == 60_000_000_000)
        let interfaces = try #require(data["interfaces"] as? [[String: Any]])
        #expect(!interfaces.contains { $0["device"] as? String == "lo" })
        #expect(Set(interfaces.first?.keys ?? [:].keys) == ["device", "rx_bytes_per_second", "tx_bytes_per_second"])
        let collectors = try #require(data["collectors"] as? [[String: Any]])
        #expect(collectors.count == s.health.count)
        #expect(collectors.first?["healthy"] as? Bool == false)
        #expect(collectors.first?["problem"] as? Bool == true)
        #expect(collectors.first?["error"] as? String == "cannot read /proc/stat")
        #expect(collectors.dropFirst().allSatisfy { $0["healthy"] as? Bool == true && $0["problem"] as? Bool == false && $0["error"] is NSNull })
        // A host without a container runtime is normal: failing, not a problem.
        var bare = s
        var absent = CollectorHealth(name: "containers")
        absent.consecutiveFailures = 9
        absent.lastError = EngineError.noSocket(["/var/run/docker.sock"]).description
        bare.health = [absent]
        let bareCollectors = try #require(try Self.data(WebStreamMessages.details(bare, time: "t"))["collectors"] as? [[String: Any]])
        #expect(bareCollectors.first?["healthy"] as? Bool == false)
        #expect(bareCollectors.first?["problem"] as? Bool == false)
        // On its own channel, out of the defaults.
        let item = try #require(WebStreamMessages.tick(s, transitions: [], containers: []).first { $0.channel == .details })
        #expect(!item.isEvent)
        #expect(!WebStreamChannel.defaults.contains(.details))
    }

    @Test func channelsAskedForInTheURL() async throws {
        let core = try AgentFixture.core()
        let hub = StreamHub()
        #expect(WebClientMessage.channels(query: nil) == nil)
        #expect(WebClientMessage.channels(query: "") == nil)
        #expect(try WebClientMessage.channels(query: "details,alerts")?.get() == [.details, .alerts])
        try await app(core, hub: hub).test(.live) { client in
            _ = try await client.ws("/api/system/ws?channels=details,processes") { inbound, outbound, _ in
                var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                var seen: [String] = []
                _ = try await Self.read(&messages, seen: &seen) { $0.hasPrefix("{\"type\":\"host_details\"") }
                #expect(!seen.contains { $0.contains("\"system_metric\"") }, "system was not asked for: \(seen)")
                try await outbound.write(.text(#"{"type":"subscribe","channels":["alerts"]}"#))
                let subscribed = try await Self.read(&messages, seen: &seen) { $0.contains("\"subscribed\"") }
                #expect(subscribed == #"{"type":"subscribed","data":{"channels":["alerts","processes","details"]}}"#)
                try await outbound.close(.normalClosure, reason: nil)
            }
            _ = try await client.ws("/ws/system?channels=system,bogus") { inbound, outbound, _ in
                var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                var seen: [String] = []
                let error = try await Self.read(&messages, seen: &seen) { $0.hasPrefix("{\"type\":\"error\"") }
                #expect(error?.contains("unknown channel \\\"bogus\\\" in ?channels=") == true, "\(error ?? "")")
                _ = try await Self.read(&messages, seen: &seen) { $0.contains("\"network_tx\"") }
                try await outbound.close(.normalClosure, reason: nil)
            }
        }
    }

    func app(_ core: AgentCore, hub: StreamHub, key: String? = nil) -> some ApplicationProtocol {
        Application(
            router: AgentRoutes.router(core: core, apiKey: key),
            server: .http1WebSocketUpgrade(webSocketRouter: StreamRoute.router(core: core, hub: hub, apiKey: key))
        )
    }

    /// Reads text messages until `until` holds for one (returned), or the stream ends.
    static func read(_ messages: inout WebSocketInboundMessageStream.AsyncIterator, seen: inout [String], until: (String) -> Bool) async throws -> String? {
        while let message = try await messages.next() {
            guard case let .text(text) = message else { continue }
            seen.append(text)
            if until(text) { return text }
        }
        return nil
    }

    @Test func channelsErrorsAndPingsOverARealConnection() async throws {
        let core = try AgentFixture.core()
        let hub = StreamHub()
        let snapshot = Self.snapshot()
        let log = Box()
        for path in StreamRoute.webPaths {
            try await app(core, hub: hub).test(.live) { client in
                _ = try await client.ws(path) { inbound, outbound, _ in
                    var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                    var seen: [String] = []
                    // On connect: the latest figures, one object per message, of the default channels.
                    _ = try await Self.read(&messages, seen: &seen) { $0.contains("\"network_tx\"") }
                    #expect(seen.allSatisfy { $0.hasPrefix("{\"type\":\"system_metric\"") })
                    #expect(!seen.contains { $0.contains("\"processes\":[") }, "processes is not a default channel")
                    try await outbound.write(.text(#"{"type":"subscribe","channels":["processes","alerts"]}"#))
                    let subscribed = try await Self.read(&messages, seen: &seen) { $0.contains("\"subscribed\"") }
                    #expect(subscribed == #"{"type":"subscribed","data":{"channels":["system","containers","alerts","processes"]}}"#)
                    try await outbound.write(.text(#"{"type":"unsubscribe","channels":["system"]}"#))
                    _ = try await Self.read(&messages, seen: &seen) { $0.contains("\"subscribed\"") }
                    // Malformed: one error, and the connection stays open.
                    try await outbound.write(.text("{nope"))
                    let error = try await Self.read(&messages, seen: &seen) { $0.contains("\"error\"") }
                    #expect(error?.hasPrefix(#"{"type":"error","data":{"reason":"not a JSON object"#) == true)
                    try await outbound.write(.binary(ByteBuffer(string: "x")))
                    _ = try await Self.read(&messages, seen: &seen) { $0.contains("binary message") }
                    try await outbound.write(.text(#"{"type":"ping"}"#))
                    #expect(try await Self.read(&messages, seen: &seen) { $0.hasPrefix("{\"type\":\"pong\"") } != nil)
                    // A tick: containers and processes now, no system figures.
                    seen = []
                    hub.broadcast(frame: nil, items: WebStreamMessages.tick(snapshot, transitions: [], containers: (snapshot.containers?.containers ?? []).map(ContainerStatusTracker.status)))
                    _ = try await Self.read(&messages, seen: &seen) { $0.hasPrefix("{\"type\":\"processes\"") }
                    #expect(seen.contains { $0.hasPrefix("{\"type\":\"container_status\"") })
                    #expect(seen.contains { $0.contains("\"source\":\"redis\"") })
                    #expect(!seen.contains { $0.contains("\"source\":\"host\"") }, "system was left")
                    log.set(path, "", 0)
                    try await outbound.close(.normalClosure, reason: nil)
                }
            }
            #expect(log.value.0 == path, "\(path) ran to its end")
        }
    }

    @Test func theKeyAndTheClientLimit() async throws {
        let core = try AgentFixture.core()
        let hub = StreamHub(maxClients: 1)
        try await app(core, hub: hub, key: "k3y").test(.live) { client in
            await #expect(throws: (any Error).self) {
                try await client.ws("/api/system/ws") { _, _, _ in }
            }
            var configuration = WebSocketClientConfiguration()
            configuration.additionalHeaders[.authorization] = "Bearer k3y"
            let (told, second) = try await StreamTests.secondOfOne(client, first: "/api/system/ws?api_key=k3y", second: "/ws/system", configuration: configuration)
            #expect(told == #"{"type":"error","data":{"reason":"too many stream clients (1); try again later"}}"#)
            #expect(second?.closeCode == .unknown(1013))
        }
    }

    /// `vitals bench stream` against a server in the test: every reading client's ticks are
    /// counted, the next client is refused, the one that stopped reading is reported.
    @Test func theLoadProbeCountsEveryClientsTicks() async throws {
        let core = try AgentFixture.core()
        let hub = StreamHub(maxClients: 3)
        let lines = Lines()
        try await app(core, hub: hub).test(.live) { client in
            let port = try #require(client.port)
            let ticker = Task {
                var s = Self.snapshot()
                while !Task.isCancelled {
                    s.time = Date().timeIntervalSince1970
                    hub.broadcast(frame: nil, items: WebStreamMessages.tick(s, transitions: [], containers: []))
                    try? await Task.sleep(for: .milliseconds(200))
                }
            }
            defer { ticker.cancel() }
            let probe = StreamLoadProbe(url: "ws://127.0.0.1:\(port)/api/system/ws", apiKey: nil, clients: 3, slow: 1, seconds: 2)
            try await probe.run { lines.append($0) }
        }
        let text = lines.all.joined(separator: "\n")
        #expect(text.contains("3 clients connected"), "\(text)")
        #expect(text.contains("client 4: refused (1013): too many stream clients (3); try again later"), "\(text)")
        let arrivals = try #require(lines.all.first { $0.hasPrefix("2 reading clients, ") })
        let ticks = arrivals.split(separator: "(").dropFirst().first.flatMap { Int($0.prefix { $0.isNumber }) } ?? 0
        #expect(ticks >= 5, "about ten ticks in two seconds: \(arrivals)")
        #expect(arrivals.contains(" 0 lost") && arrivals.contains("tick arrivals (\(ticks) ticks)"), "\(arrivals)")
        #expect(text.contains("1 clients that stopped reading: 1 × still open at the end"), "\(text)")
        #expect(text.contains("/metrics during the run: "))
    }
}

final class Lines: Sendable {
    private let stored = Mutex<[String]>([])
    func append(_ line: String) { stored.withLock { $0.append(line) } }
    var all: [String] { stored.withLock { $0 } }
}
