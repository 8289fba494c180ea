import Testing
import VitalsCore

/// A failed container outlives its removal by an hour, or until its name runs again.
@Suite struct RemovedContainersTests {
    static func container(_ id: String, _ name: String, _ state: ContainerInfo.State, exit: Int = 0) -> ContainerInfo {
        var c = ContainerInfo(id: id, name: name, image: "i", state: state)
        c.exitCode = exit
        return c
    }

    @Test func onlyFailedContainersAreKeptForAnHour() {
        var removed = RemovedContainers()
        removed.removed(Self.container("a", "crashed", .exited, exit: 1), at: 100)
        removed.removed(Self.container("b", "done", .exited), at: 100)
        removed.removed(Self.container("c", "dead", .dead), at: 200)
        #expect(removed.containers.map(\.name).sorted() == ["crashed", "dead"])
        #expect(removed.kept["a"]?.removedAt == 100)
        removed.prune(present: [], now: 100 + RemovedContainers.keepSeconds - 1)
        #expect(removed.containers.count == 2)
        removed.prune(present: [], now: 100 + RemovedContainers.keepSeconds)
        #expect(removed.containers.map(\.name) == ["dead"])
    }

    @Test func aNameThatRunsAgainEndsItsCrashesListing() {
        var removed = RemovedContainers()
        removed.removed(Self.container("a", "web", .exited, exit: 137), at: 100)
        removed.prune(present: [Self.container("n", "web", .created)], now: 110)
        #expect(removed.containers.count == 1, "created is not running yet")
        removed.prune(present: [Self.container("n", "web", .running)], now: 120)
        #expect(removed.containers.isEmpty)
    }

    @Test func whatANewListLacksWentWhileTheRuntimeWasAway() {
        var removed = RemovedContainers()
        let before = [Self.container("a", "crashed", .exited, exit: 3), Self.container("b", "fine", .running)]
        removed.relisted(before: before, now: ["b": before[1]], at: 500)
        #expect(removed.containers.map(\.name) == ["crashed"] && removed.kept["a"]?.removedAt == 500)
    }

    @Test func aContainersCgroupIsFoundByItsID() {
        let id = String(repeating: "0f", count: 32)
        #expect(CgroupUsage.containerID(inPath: "/system.slice/docker-\(id).scope") == Substring(id))
        #expect(CgroupUsage.containerID(inPath: "/machine.slice/libpod-\(id).scope/container") == Substring(id))
        #expect(CgroupUsage.containerID(inPath: "/docker/\(id)") == Substring(id))
        #expect(CgroupUsage.containerID(inPath: "/kubepods.slice/kubepods-pod1.slice/cri-containerd-\(id).scope") == Substring(id))
        #expect(CgroupUsage.containerID(inPath: "/system.slice/nginx.service") == nil)
        #expect(CgroupUsage.containerID(inPath: "/system.slice/docker-nothex.scope") == nil)
        #expect(CgroupUsage.containerID(inPath: "/") == nil)
    }

    @Test func aContainersCgroupSeriesCarryItsName() {
        let id = String(repeating: "0f", count: 32)
        var s = Snapshot(time: 1, host: HostInfo(hostname: "h"))
        s.cgroups = [CgroupUsage(path: "/system.slice/docker-\(id).scope", name: "docker:0f0f0f0f0f0f", processCount: 1),
                     CgroupUsage(path: "/system.slice/ssh.service", name: "ssh.service", processCount: 1)]
        #expect(s.samples().filter { $0.key.name == "vitals_cgroup_processes" }.compactMap { $0.key.label("name") } == ["docker:0f0f0f0f0f0f", "ssh.service"])
        s.containers = ContainerReading(socket: "s", runtime: nil, containers: [Self.container(id, "redis", .running)])
        #expect(s.samples().filter { $0.key.name == "vitals_cgroup_processes" }.compactMap { $0.key.label("name") } == ["redis", "ssh.service"])
    }
}
