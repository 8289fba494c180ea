import Dashboard
import Rendering
import SeriesStore
import Testing
import VitalsCore

/// The `c` view's rows: the runtime's containers joined with their cgroups, a crashed container
/// kept after its removal, and the containers of a past moment from the store.
@Suite struct ContainerRowsTests {
    static let redisID = String(repeating: "ab", count: 32)
    static let batchID = String(repeating: "cd", count: 32)

    static func container(_ id: String, _ name: String, _ state: ContainerInfo.State, exit: Int = 0) -> ContainerInfo {
        var c = ContainerInfo(id: id, name: name, image: name + ":1", state: state)
        c.exitCode = exit
        return c
    }

    /// crun puts a container's processes one group below its scope.
    static func redisGroup(cpu: Double) -> CgroupUsage {
        var g = CgroupUsage(path: "/machine.slice/libpod-\(redisID).scope/container", name: "podman:ababababab", processCount: 2)
        g.cpuPercent = cpu
        g.memoryCurrentBytes = 64 << 20
        return g
    }

    @Test func aContainerTakesItsCgroupsUseAndAFailedOneLeads() {
        let reading = ContainerReading(socket: "s", runtime: nil, containers: [
            Self.container(Self.redisID, "redis", .running), Self.container(Self.batchID, "batch", .exited, exit: 2),
        ])
        let sshd = CgroupUsage(path: "/system.slice/ssh.service", name: "ssh.service", processCount: 1)
        let rows = DashboardModelBuilder.containerRows([Self.redisGroup(cpu: 40), sshd], sort: .cpu, runtime: reading, now: 100)
        #expect(rows.map(\.name) == ["batch", "redis", "ssh.service"])
        #expect(rows[1].cpuPercent == 40 && rows[1].processes == 2, "the scope's inner group is the container's")
        #expect(rows[0].failed && rows[0].note == "exit 2 · batch:1")
    }

    @Test func aCrashedContainerRemovedIsListedAsRemoved() {
        var batch = Self.container(Self.batchID, "batch", .exited, exit: 2)
        batch.finishedAt = 1000
        batch.removedAt = 1010
        let rows = DashboardModelBuilder.containerRows([], sort: .cpu, runtime: ContainerReading(socket: "s", runtime: nil, containers: [batch]), now: 1250)
        #expect(rows.first?.state == "removed" && rows.first?.failed == true)
        #expect(rows.first?.note == "exit 2, 4m ago · removed 4m ago · batch:1", "\(rows.first?.note ?? "")")
    }

    @Test func aPastMomentShowsTheContainersOfThatMoment() {
        let store = SeriesStore(capacity: 300)
        for t in 1...200 {
            var s = Snapshot(time: Double(t), host: HostInfo(hostname: "h"))
            var redis = Self.container(Self.redisID, "redis", t < 100 ? .running : .exited, exit: t < 100 ? 0 : 137)
            if t >= 100 { redis.finishedAt = 100 }
            var containers = [redis]
            if t >= 150 { containers.append(Self.container(Self.batchID, "batch", .created)) }
            s.containers = ContainerReading(socket: "s", runtime: nil, containers: containers)
            s.cgroups = t < 100 ? [Self.redisGroup(cpu: Double(t))] : []
            store.append(s.samples(), at: Double(t))
        }
        var live = Snapshot(time: 200, host: HostInfo(hostname: "h"))
        live.containers = ContainerReading(socket: "s", runtime: nil, containers: [Self.container(Self.batchID, "batch", .created)])
        var builder = DashboardModelBuilder(historyPoints: 50)
        builder.state.containers = true
        builder.cursor = 50
        let running = builder.build(snapshot: live, store: store, interval: 1, hostFallback: "x")
        #expect(running.processes.containers?.map(\.name) == ["redis"], "batch did not exist yet")
        #expect(running.processes.containers?.first?.state == "running" && running.processes.containers?.first?.cpuPercent == 50)
        #expect(running.processes.containers?.first?.memoryBytes == 64 << 20)
        builder.cursor = 120
        let crashed = builder.build(snapshot: live, store: store, interval: 1, hostFallback: "x")
        let redis = crashed.processes.containers?.first
        #expect(redis?.name == "redis" && redis?.state == "exited" && redis?.failed == true)
        #expect(redis?.note == "exit 137, 20s ago · redis:1", "\(redis?.note ?? "")")
        let lines = DashboardView().render(crashed, width: 120, height: 30).lines
        #expect(lines.contains { $0.contains("redis") && $0.contains("exited") })
        builder.cursor = nil
        #expect(builder.build(snapshot: live, store: store, interval: 1, hostFallback: "x").processes.containers?.map(\.name) == ["batch"])
    }
}
