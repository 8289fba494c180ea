import Collectors
import Glibc
import ProcFS
import TestSupport
import Testing
import VitalsCore

@Suite struct RegistryFixtureTests {
    func registry(root: String = Fixtures.procRoot, clock: ManualClock = ManualClock()) -> CollectorRegistry<ManualClock> {
        CollectorRegistry(
            collectors: StandardCollectors.make(procfs: ProcFS(root: root), sysfs: SysFS(root: Fixtures.sysRoot)),
            clock: clock, wallClock: { 1_800_000_000 }
        )
    }

    @Test func collectsEveryReadingFromTheFixtureTree() throws {
        let s = registry().collect()
        #expect(s.time == 1_800_000_000)
        #expect(s.interval == nil)
        #expect(s.health.allSatisfy { !$0.lastRunFailed }, "\(s.health.filter(\.lastRunFailed))")
        #expect(s.cpu?.stat.cores.count == 2)
        #expect(s.memory?.total == 24_684_092 * 1024)
        #expect(s.load?.total == 84)
        #expect(s.host.uptimeSeconds != nil)
        let disks = try #require(s.disks)
        #expect(disks.map(\.name) == ["vda", "dm-0"], "loop, ram and zram devices are not disks")
        #expect(disks[0].isWholeDisk)
        #expect(s.network?.map(\.name) == ["lo", "ifb0", "ifb1", "eth0"])
    }

    @Test func processesSkipTheVanishedPidAndKeepHostileNames() throws {
        let list = try #require(registry().collect().processes)
        #expect(Set(list.map(\.pid)) == [1, 1330, 4242, 4243, 4244])
        #expect(list.first { $0.pid == 4242 }?.name == "(sd-pam)")
        #expect(list.first { $0.pid == 4244 }?.name == "evil\u{1B}[2J\nname")
    }

    @Test func userNamesComeFromTheRootsPasswd() throws {
        let list = try #require(registry().collect().processes)
        // The fixture files are owned by whoever checked them out; their uid resolves through the
        // fixture's own etc/passwd (root and alice), or stays numeric.
        for p in list {
            let expected = p.uid == 0 ? "root" : (p.uid == 1000 ? "alice" : String(p.uid))
            #expect(p.user == expected)
        }
    }

    @Test func intervalComesFromTheInjectedClock() {
        let clock = ManualClock()
        let r = registry(clock: clock)
        _ = r.collect()
        clock.advance(by: .seconds(2))
        let second = r.collect()
        #expect(second.interval == 2)
        // Fixture counters do not move between the two reads, so every rate is exactly zero.
        #expect(second.network?.first { $0.name == "eth0" }?.receiveBytesPerSecond == 0)
        #expect(second.processes?.first { $0.pid == 1 }?.cpuPercent == 0)
    }
}

@Suite struct FailureIsolationTests {
    /// A copy of the fixture tree whose files a test can break.
    func brokenTree() -> String {
        let dir = Fixtures.temporaryDirectory()
        Shell.run("cp -r \(Shell.quote(Fixtures.procRoot)) \(Shell.quote(dir))/proc")
        return dir + "/proc"
    }

    @Test func oneBrokenFileBlanksOnlyItsCollectorAndRecovers() throws {
        let root = brokenTree()
        defer { Shell.run("rm -rf \(Shell.quote(root + "/.."))") }
        Fixtures.write("MemTotal: banana kB\n", to: root + "/meminfo")
        let clock = ManualClock()
        let registry = CollectorRegistry(
            collectors: StandardCollectors.make(procfs: ProcFS(root: root), sysfs: SysFS(root: Fixtures.sysRoot)),
            clock: clock, failureThreshold: 3
        )
        var s = registry.collect()
        #expect(s.memory == nil)
        #expect(s.cpu != nil)
        #expect(s.processes?.isEmpty == false)
        var memory = try #require(s.health(of: "memory"))
        #expect(memory.lastRunFailed)
        #expect(memory.isHealthy, "one failure is not yet unhealthy")
        #expect(memory.lastError == "/proc/meminfo:1: bad value for MemTotal")
        _ = registry.collect()
        s = registry.collect()
        memory = try #require(s.health(of: "memory"))
        #expect(!memory.isHealthy)
        #expect(memory.errorCount == 3)
        #expect(s.samples().contains { $0.key == SeriesKey("vitals_collector_success", ["collector": "memory"]) && $0.value == 0 })

        Shell.run("cp \(Shell.quote(Fixtures.procRoot + "/meminfo")) \(Shell.quote(root + "/meminfo"))")
        s = registry.collect()
        #expect(s.memory != nil)
        #expect(s.health(of: "memory")?.isHealthy == true)
        #expect(s.health(of: "memory")?.errorCount == 3)
    }

    @Test func aMissingFileIsAnErrorThatNamesThePath() throws {
        let root = brokenTree()
        defer { Shell.run("rm -rf \(Shell.quote(root + "/.."))") }
        Shell.run("rm \(Shell.quote(root + "/loadavg"))")
        let s = CollectorRegistry(
            collectors: StandardCollectors.make(procfs: ProcFS(root: root), sysfs: SysFS(root: Fixtures.sysRoot)),
            clock: ManualClock()
        ).collect()
        #expect(s.load == nil)
        #expect(s.health(of: "load")?.lastError == root + "/loadavg: No such file or directory")
    }
}
