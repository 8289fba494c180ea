import Dashboard
import Glibc
import RemoteAttach
import Synchronization
import Testing
import TestSupport

/// `AttachClient` against a real `vitals agent` on loopback: the first attach, a link cut while the
/// agent runs (the gap is filled from its series API), the agent killed and started again, and
/// the refusals (key, URL, TLS) that must be messages, never hangs.
@Suite struct AttachClientTests {
    /// What a feed delivered, for the test to wait on.
    final class Updates: Sendable {
        private let list = Mutex<[RemoteUpdate]>([])
        func add(_ update: RemoteUpdate) { list.withLock { $0.append(update) } }
        var all: [RemoteUpdate] { list.withLock { $0 } }
        var ticks: [RemoteTick] { all.compactMap { if case let .tick(t) = $0 { t } else { nil } } }
        var backfills: [[RemoteTick]] { all.compactMap { if case let .backfill(b) = $0 { b } else { nil } } }
        var connections: Int { all.filter { if case .connected = $0 { true } else { false } }.count }
        var reasons: [String] { all.compactMap { if case let .disconnected(reason, _) = $0 { reason } else { nil } } }
    }

    /// Polls without holding a cooperative thread (the client's tasks need them).
    static func waitUntil(seconds: Double, _ condition: () -> Bool) async -> Bool {
        let deadline = Shell.now() + seconds
        while Shell.now() < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return condition()
    }

    /// The user's schedule in miniature: retries after 0.2, 0.5 and 1 s, then every 2 s; a stream
    /// silent for 5 s is given up on (a 2 s floor gave up on a live stream once, in a full parallel run). The waits
    /// below are upper bounds, polled.
    static func client(_ url: String, key: String? = nil) throws -> AttachClient {
        AttachClient(
            target: try AttachTarget.parse(url), apiKey: key, keyFile: key == nil ? nil : "/tmp/key",
            schedule: ReconnectSchedule(delays: [0.2, 0.5, 1], steady: 2), minimumStall: 5, stallTicks: 2
        )
    }

    /// An agent, a relay in front of it that the test can cut or freeze, and a client through it.
    static func attachedThroughRelay() async throws -> (AgentProcess, TCPRelay, AttachClient, Updates) {
        let agent = AgentProcess()
        #expect(await agent.start(), "\(agent.log)")
        let relay = try TCPRelay(upstreamPort: agent.port)
        let client = try Self.client("http://127.0.0.1:\(relay.port)")
        let updates = Updates()
        client.start { updates.add($0) }
        return (agent, relay, client, updates)
    }

    @Test func aFirstAttachGetsTheHostTheMinutesBeforeAndLiveTicksWithProcesses() async throws {
        let agent = AgentProcess()
        #expect(await agent.start(), "\(agent.log)")
        try await Task.sleep(for: .seconds(3))
        let client = try Self.client(agent.url)
        defer { client.stop() }
        let host = try await client.check()
        #expect(host == Shell.run("uname -n").output.split(separator: "\n").first.map(String.init))
        let updates = Updates()
        client.start { updates.add($0) }
        #expect(await Self.waitUntil(seconds: 30) { updates.ticks.count >= 3 }, "\(updates.all)")
        guard case let .connected(name, interval)? = updates.all.first else {
            Issue.record("first: \(String(describing: updates.all.first))")
            return
        }
        #expect(name == host)
        #expect(abs(interval - 1) < 0.1, "the agent ticks every second: \(interval)")
        let backfill = try #require(updates.backfills.first)
        let first = try #require(updates.ticks.first)
        #expect(backfill.count >= 2, "the seconds the agent ran before the attach")
        #expect(backfill.allSatisfy { $0.time < first.time && $0.samples.contains { $0.key.name == "vitals_cpu_utilization_ratio" } })
        let times = updates.ticks.map(\.time)
        #expect(zip(times, times.dropFirst()).allSatisfy { $0 < $1 })
        #expect(updates.ticks.allSatisfy { ($0.processes?.isEmpty == false) && $0.samples.count > 100 })
        #expect(updates.reasons.isEmpty)
        #expect(updates.all.contains { if case .alerts = $0 { true } else { false } }, "the agent's alerts, for the banner")
    }

    @Test func aCutLinkIsReportedRetriedAndItsGapFilledFromTheSeriesAPI() async throws {
        let (agent, relay, client, updates) = try await Self.attachedThroughRelay()
        defer {
            client.stop()
            relay.stop()
            withExtendedLifetime(agent) {}
        }
        #expect(await Self.waitUntil(seconds: 15) { updates.ticks.count >= 2 }, "\(updates.all)")
        relay.cut()
        #expect(await Self.waitUntil(seconds: 15) { !updates.reasons.isEmpty }, "the drop is reported")
        let lastBefore = try #require(updates.ticks.last).time
        try await Task.sleep(for: .seconds(4))
        relay.resume()
        // Retries at 0.2, 0.7, 1.7 s (still cut), then every 2 s until one gets through.
        #expect(await Self.waitUntil(seconds: 20) { updates.connections >= 2 && updates.ticks.last!.time > lastBefore }, "\(updates.reasons)")
        let firstAfter = try #require(updates.ticks.first { $0.time > lastBefore }).time
        let filled = updates.backfills.flatMap { $0 }.filter { $0.time > lastBefore }
        #expect(firstAfter - lastBefore > 4, "the link was down for a while")
        #expect(filled.allSatisfy { $0.time > lastBefore && $0.time < firstAfter })
        // One tick a second while the link was down, give or take the edges.
        #expect(Double(filled.count) >= (firstAfter - lastBefore) - 3, "filled \(filled.count) of \(firstAfter - lastBefore) s")
        #expect(updates.reasons.count >= 2, "the drop, then the failed retry: \(updates.reasons)")
    }

    @Test func aStreamThatGoesSilentIsGivenUpAndReconnected() async throws {
        let (agent, relay, client, updates) = try await Self.attachedThroughRelay()
        defer {
            client.stop()
            relay.stop()
            withExtendedLifetime(agent) {}
        }
        #expect(await Self.waitUntil(seconds: 30) { updates.ticks.count >= 2 }, "\(updates.all)")
        relay.freeze()
        // Nothing closes: only the stall watchdog can tell (5 s here).
        #expect(await Self.waitUntil(seconds: 15) { updates.reasons.contains("no tick from the agent for 5 s") }, "\(updates.reasons)")
        let before = updates.ticks.count
        relay.resume()
        #expect(await Self.waitUntil(seconds: 30) { updates.connections >= 2 && updates.ticks.count > before }, "\(updates.reasons)")
    }

    @Test func aKilledAgentIsRetriedUntilItIsBack() async throws {
        let agent = AgentProcess()
        #expect(await agent.start(), "\(agent.log)")
        let client = try Self.client(agent.url)
        defer { client.stop() }
        let updates = Updates()
        client.start { updates.add($0) }
        #expect(await Self.waitUntil(seconds: 15) { updates.ticks.count >= 2 })
        await agent.kill()
        #expect(await Self.waitUntil(seconds: 15) { updates.reasons.contains { $0.hasPrefix("connection refused by 127.0.0.1:\(agent.port)") } }, "\(updates.reasons)")
        let before = updates.ticks.count
        #expect(await agent.start(), "\(agent.log)")
        #expect(await Self.waitUntil(seconds: 25) { updates.connections >= 2 && updates.ticks.count > before }, "\(updates.reasons)")
    }

    @Test func aWrongKeyURLOrSchemeIsAMessage() async throws {
        let keyFile = Shell.run("mktemp /tmp/vitals-key-XXXXXX").output.split(separator: "\n").first.map(String.init) ?? "/tmp/vitals-key"
        defer { Shell.run("rm -f \(Shell.quote(keyFile))") }
        Shell.run("printf 'right-key-0123456789abcdef' > \(Shell.quote(keyFile)) && chmod 600 \(Shell.quote(keyFile))")
        let agent = AgentProcess(extra: "--api-key-file \(Shell.quote(keyFile))")
        #expect(await agent.start(), "\(agent.log)")
        func outcome(_ url: String, key: String? = nil) async throws -> String {
            let client = try Self.client(url, key: key)
            defer { client.stop() }
            do {
                return "host " + (try await client.check())
            } catch {
                return error.description
            }
        }
        #expect(try await outcome(agent.url) == "the agent at \(agent.url) wants an API key: pass --api-key-file FILE")
        #expect(try await outcome(agent.url, key: "wrong") == "the agent at \(agent.url) refused the API key in /tmp/key (401)")
        #expect(try await outcome(agent.url, key: "right-key-0123456789abcdef").hasPrefix("host "))
        let nobody = LoopbackPort.free()
        #expect(try await outcome("http://127.0.0.1:\(nobody)").hasPrefix("connection refused by 127.0.0.1:\(nobody)"))
        #expect(try await outcome(agent.url + "/nope", key: "right-key-0123456789abcdef").contains("answered 404"))
        let tls = try await outcome("https://127.0.0.1:\(agent.port)")
        #expect(tls.hasPrefix("TLS with 127.0.0.1:\(agent.port) failed"), "\(tls)")
    }
}
