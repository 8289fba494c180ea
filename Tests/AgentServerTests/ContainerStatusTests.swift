@testable import AgentServer
import Foundation
import Testing
import VitalsCore

/// The stream's `container_status` items: every container on connect, then only changes.
@Suite struct ContainerStatusTests {
    static func container(_ id: String, _ name: String, _ state: ContainerInfo.State, exit: Int = 0, health: ContainerInfo.Health? = nil) -> ContainerInfo {
        var c = ContainerInfo(id: id, name: name, image: "redis:7", state: state)
        c.exitCode = exit
        c.health = health
        return c
    }

    func items(_ frame: String) throws -> [[String: Any]] {
        let array = try #require(try JSONSerialization.jsonObject(with: Data(frame.utf8)) as? [[String: Any]])
        return array.filter { $0["type"] as? String == "container_status" }.compactMap { $0["data"] as? [String: Any] }
    }

    @Test func onlyChangesAfterTheFirstAndRemovalsAreSaid() {
        let tracker = ContainerStatusTracker()
        let redis = Self.container("a1", "redis", .running, health: .healthy)
        let web = Self.container("b2", "web", .running)
        #expect(tracker.changes(ContainerReading(socket: "s", runtime: nil, containers: [redis, web])).map(\.name) == ["redis", "web"])
        #expect(tracker.changes(ContainerReading(socket: "s", runtime: nil, containers: [redis, web])).isEmpty, "nothing changed")
        let died = Self.container("a1", "redis", .exited, exit: 137)
        let changed = tracker.changes(ContainerReading(socket: "s", runtime: nil, containers: [died]))
        #expect(changed.map(\.status) == ["exited", "removed"] && changed.map(\.name) == ["redis", "web"])
        #expect(changed.first?.exitCode == 137)
        #expect(tracker.changes(nil).map(\.status) == ["removed"], "the runtime gone: what it had is gone from view")
    }

    @Test func aCrashKeptAfterItsRemovalIsRemovedOnce() {
        let tracker = ContainerStatusTracker()
        var batch = Self.container("c3", "batch", .exited, exit: 2)
        _ = tracker.changes(ContainerReading(socket: "s", runtime: nil, containers: [batch]))
        batch.removedAt = 50
        let removed = tracker.changes(ContainerReading(socket: "s", runtime: nil, containers: [batch]))
        #expect(removed.map(\.status) == ["removed"] && removed.first?.exitCode == 2)
        #expect(tracker.changes(ContainerReading(socket: "s", runtime: nil, containers: [])).isEmpty, "forgotten an hour later: said already")
    }

    @Test func theSeedsShapeInTicksAndOnConnect() throws {
        var snapshot = Snapshot(time: 1_796_621_760, host: HostInfo(hostname: "h"))
        snapshot.containers = ContainerReading(socket: "s", runtime: nil, containers: [Self.container("a1", "redis", .exited, exit: 1)])
        let onConnect = try #require(StreamMessages.containersOnConnect(snapshot.containers, time: snapshot.time))
        let item = try #require(try items(onConnect).first)
        #expect(item["container"] as? String == "redis" && item["status"] as? String == "exited")
        #expect(item["time"] as? String == "2026-12-07T05:36:00Z" && item["exit_code"] as? Int == 1 && item["image"] as? String == "redis:7")
        #expect(StreamMessages.containersOnConnect(nil, time: 0) == nil)
        let tick = StreamMessages.tick(snapshot, samples: [], transitions: [], health: [], source: "vitals@h",
                                       containers: [ContainerStatusTracker.status(of: snapshot.containers!.containers[0])])
        #expect(try items(tick).count == 1)
    }
}
