import Collectors
import Glibc
import ProcFS
import Synchronization
import TestSupport
import Testing
import VitalsCore

@Suite struct DepthCollectorTests {
    func collect(details: ProcessDetailPolicy = .all) -> Snapshot {
        CollectorRegistry(
            collectors: StandardCollectors.make(procfs: ProcFS(root: Fixtures.procRoot), sysfs: SysFS(root: Fixtures.sysRoot), processDetails: details),
            clock: ManualClock()
        ).collect()
    }

    @Test func everyCollectorIsHealthyOnTheFixtureTree() {
        let s = collect()
        #expect(s.health.map(\.name) == ["host", "cpu", "load", "memory", "vmstat", "pressure", "sensors", "disk", "filesystem",
                                        "network", "sockets", "processes", "cgroups", "kernel"])
        #expect(s.health.allSatisfy { !$0.lastRunFailed }, "\(s.health.filter(\.lastRunFailed))")
    }

    @Test func sensorsPressureSocketsAndZFS() throws {
        let s = collect()
        let sensors = try #require(s.sensors)
        #expect(sensors.frequencies == [.init(cpu: 0, hertz: 2.4e9), .init(cpu: 1, hertz: 3.1e9)])
        #expect(sensors.temperatures.contains(.init(chip: "coretemp", sensor: "Package id 0", celsius: 45)))
        #expect(sensors.temperatures.contains(.init(chip: "coretemp", sensor: "temp2", celsius: 43.5)))
        #expect(sensors.hottest == .init(chip: "thermal_zone0", sensor: "x86_pkg_temp", celsius: 51, isThermalZone: true))
        #expect(s.pressure?.map(\.resource) == ["cpu", "memory", "io"])
        #expect(s.sockets?.tcpCount("listen") == 1)
        #expect(s.sockets?.udpInUse == 0)
        #expect(s.sockets?.udpQueues == .init(transmit: 0, receive: 0x9C0))
        #expect(s.sockets?.udp6Queues == .init(transmit: 0, receive: 0x340))
        #expect(s.samples().contains { $0.key == SeriesKey("node_udp_queues", ["ip": "v4", "queue": "rx"]) && $0.value == 0x9C0 })
        #expect(s.memory?.zfsARCBytes == 1 << 30)
        #expect(s.vmstat?["pgmajfault"] == 13970)
    }

    @Test func disksAndInterfacesGetSysfsDetails() throws {
        let s = collect()
        #expect(s.disks?.first { $0.name == "dm-0" }?.displayName == "vg0-root")
        let eth0 = try #require(s.network?.first { $0.name == "eth0" })
        #expect(eth0.operState == "up")
        #expect(eth0.speedMegabits == 10_000)
        #expect(eth0.receiveNohandler == 0, "read from statistics/rx_nohandler")
        #expect(s.samples().contains { $0.key == SeriesKey("node_network_receive_nohandler_total", ["device": "eth0"]) })
        #expect(s.network?.first { $0.name == "lo" }?.speedMegabits == nil)
        #expect(s.samples().contains { $0.key == SeriesKey("node_network_speed_bytes", ["device": "eth0"]) && $0.value == 1.25e9 })
        #expect(eth0.attribute("node_network_mtu_bytes") == 1400 && eth0.attribute("node_network_transmit_queue_length") == 1000)
        #expect(eth0.attribute("node_network_carrier") == 1)
        #expect(eth0.attribute("node_network_flags") == 0x1003, "sysfs writes flags in hexadecimal")
    }

    /// The families node_exporter serves that the panes do not draw, by name and value.
    @Test func kernelSoftnetConntrackARPAndOwnProcessFamilies() throws {
        let samples = collect().samples()
        func value(_ name: String, _ labels: KeyValuePairs<String, String> = [:]) -> Double? {
            samples.first { $0.key == SeriesKey(name, labels) }?.value
        }
        #expect(value("node_softnet_processed_total", ["cpu": "1"]) == 0x1145)
        #expect(value("node_nf_conntrack_entries_limit") == 262_144)
        #expect(value("node_arp_entries", ["device": "eth0"]) == 1)
        #expect(value("node_disk_io_time_weighted_seconds_total", ["device": "vda"]) == 3.225)
        #expect(value("node_disk_info", ["device": "vda", "major": "254", "minor": "0"]) == 1)
        #expect(value("node_network_mtu_bytes", ["device": "lo"]) == 65536)
        #expect(value("node_network_iface_id", ["device": "lo"]) == 1)
        #expect(value("node_network_protocol_type", ["device": "lo"]) == 772)
        #expect(value("node_network_speed_bytes", ["device": "lo"]) == nil, "lo has no speed file")
        #expect(value("node_nf_conntrack_stat_found") == 0)
        // vitals' own: real figures, not bit patterns (5e-318 was once printed for open fds).
        let fds = try #require(value("process_open_fds"))
        #expect(fds >= 3 && fds < 100_000)
        #expect((value("process_virtual_memory_bytes") ?? 0) > 1e6)
        let start = try #require(value("process_start_time_seconds"))
        #expect(abs(start - Double(time(nil))) < 3600, "started within the hour: \(start)")
        #expect(samples.contains { $0.key.name == "node_time_zone_offset_seconds" })
    }

    @Test func processesKnowTheirCgroupCommandLineAndIO() throws {
        let list = try #require(collect().processes)
        let pg = try #require(list.first { $0.pid == 4243 })
        #expect(pg.cgroup == "/system.slice/postgresql@15-main.service")
        #expect(pg.commandLine == "postgres: 15/main: checkpointer")
        #expect(pg.ioReadBytes == 4096 && pg.ioWriteBytes == 8192)
        let one = try #require(list.first { $0.pid == 1 })
        #expect(one.ioReadBytes == nil, "an unreadable io file is normal: no figure, no error")
        #expect(one.cgroup == "/")
    }

    @Test func detailsOnlyForRequestedRows() throws {
        let request = ProcessDetailRequest()
        request.set([4243])
        let list = try #require(collect(details: .requested(request)).processes)
        #expect(list.filter { $0.commandLine != nil }.map(\.pid) == [4243])
        #expect(list.first { $0.pid == 4242 }?.cgroup != nil, "the cgroup is read for every process, once")
    }

    @Test func cgroupsGroupProcessesAndReadTheirFiles() throws {
        let s = collect()
        let groups = try #require(s.cgroups)
        let pg = try #require(groups.first { $0.name == "postgresql@15-main.service" })
        #expect(pg.processCount == 1)
        #expect(pg.cpuUsageMicroseconds == 5_000_000)
        #expect(pg.memoryCurrentBytes == 100 << 20)
        #expect(pg.memoryMaxBytes == nil, "max means unlimited")
        #expect(pg.ioReadBytes == 1_048_577 && pg.ioWriteBytes == 2_097_154)
        let docker = try #require(groups.first { $0.name == "docker:3f2a9c1b7e4d" })
        #expect(docker.memoryMaxBytes == 256 << 20)
        #expect(!groups.contains { $0.path == "/" }, "the root cgroup is not a service")
    }

    @Test func vitalsOwnCgroupLimitsAreTheTightestOnItsPath() throws {
        var s = Snapshot(time: 0, host: HostInfo(hostname: "h"))
        var processes = ProcessCollector(procfs: ProcFS(root: Fixtures.procRoot))
        try processes.collect(into: &s)
        var cgroups = CgroupCollector(procfs: ProcFS(root: Fixtures.procRoot), sysfs: SysFS(root: Fixtures.sysRoot), selfProcfs: ProcFS(root: Fixtures.procRoot))
        try cgroups.collect(into: &s)
        // Fixture: vitals in /system.slice/vitals.service (memory.max 512 MiB, cpu.max 1.5 cores)
        // under /system.slice (memory.max 1 GiB): the service's own limits are the tighter ones.
        let limits = try #require(s.selfLimits)
        #expect(limits.cgroupPath == "/system.slice/vitals.service")
        #expect(limits.memoryMaxBytes == 512 << 20)
        #expect(limits.cpuCores == 1.5)
        #expect(s.samples().contains { $0.key == SeriesKey("vitals_self_memory_limit_bytes") && $0.value == Double(512 << 20) })
    }

    @Test func readableCgroupNames() {
        #expect(CgroupCollector.readableName("/system.slice/nginx.service") == "nginx.service")
        #expect(CgroupCollector.readableName("/system.slice/docker-0123456789abcdef0123.scope") == "docker:0123456789ab")
        #expect(CgroupCollector.readableName("/machine.slice/libpod-aaaabbbbccccdddd.scope") == "podman:aaaabbbbcccc")
        #expect(CgroupCollector.readableName("/kubepods.slice/kubepods-pod1.slice/cri-containerd-ffffeeeeddddcccc.scope") == "k8s:ffffeeeedddd")
        #expect(CgroupCollector.readableName("/user.slice/user-1000.slice/session-3.scope") == "session-3.scope")
        #expect(CgroupCollector.readableName("/system.slice/docker-nothex.scope") == "docker-nothex.scope")
        #expect(CgroupCollector.readableName("/machine.slice/libpod-aaaabbbbccccdddd.scope/container") == "podman:aaaabbbbcccc", "crun's group below the scope")
    }

    @Test func aKernelWithoutPSIIsNormal() throws {
        let root = Fixtures.temporaryDirectory()
        defer { Shell.run("rm -rf \(Shell.quote(root))") }
        Shell.run("cp -r \(Shell.quote(Fixtures.procRoot)) \(Shell.quote(root))/proc && rm -r \(Shell.quote(root))/proc/pressure")
        var s = Snapshot(time: 0, host: HostInfo(hostname: "h"))
        var collector = PressureCollector(procfs: ProcFS(root: root + "/proc"))
        try collector.collect(into: &s)
        #expect(s.pressure == [])
    }
}

@Suite struct SchedulingTests {
    final class Counter: Sendable {
        let calls = Mutex(0)
    }

    func filesystem(counter: Counter, hangOn hung: String? = nil, root: String = Fixtures.procRoot) -> FilesystemCollector {
        let probe = StatvfsProbe { path throws(FileError) in
            counter.calls.withLock { $0 += 1 }
            if path == hung { BackgroundThread.sleep(.seconds(2)) }
            return (size: 100, free: 40, available: 30, files: 10, filesFree: 5)
        }
        return FilesystemCollector(procfs: ProcFS(root: root), deadline: .milliseconds(200), probe: probe)
    }

    @Test func slowCollectorsCarryTheirReadingBetweenRuns() {
        let counter = Counter()
        let clock = ManualClock()
        let registry = CollectorRegistry(collectors: [filesystem(counter: counter)], intervals: ["filesystem": .seconds(5)], clock: clock)
        let first = registry.collect()
        let callsAfterFirst = counter.calls.withLock { $0 }
        #expect(callsAfterFirst > 0)
        for _ in 0..<4 {
            clock.advance(by: .seconds(1))
            let s = registry.collect()
            #expect(s.filesystems == first.filesystems, "carried over, not blanked")
        }
        #expect(counter.calls.withLock { $0 } == callsAfterFirst, "not run again before its interval")
        clock.advance(by: .seconds(1))
        _ = registry.collect()
        #expect(counter.calls.withLock { $0 } == 2 * callsAfterFirst)
    }

    @Test func aHungMountDoesNotStallTheTick() throws {
        let host = Fixtures.temporaryDirectory()
        defer { Shell.run("rm -rf \(Shell.quote(host))") }
        Fixtures.makeDirectories(host + "/proc/self")
        Fixtures.write("/dev/vda / ext4 rw 0 0\nnfs:/export /mnt/nfs nfs4 rw 0 0\n/dev/vdb /data xfs ro 0 0\n", to: host + "/proc/self/mounts")
        let counter = Counter()
        var collector = filesystem(counter: counter, hangOn: host + "/mnt/nfs", root: host + "/proc")
        var s = Snapshot(time: 0, host: HostInfo(hostname: "h"))
        let start = Shell.now()
        try collector.collect(into: &s)
        #expect(Shell.now() - start < 1.0)
        #expect(s.unavailableMounts?.map(\.mount.mountPoint) == ["/mnt/nfs"])
        #expect(s.unavailableMounts?.first?.reason.hasPrefix("not responding") == true)
        #expect(s.filesystems?.map(\.mount.mountPoint) == ["/", "/data"], "the other mounts are still there")
        #expect(s.filesystems?.last?.isReadOnly == true)
        #expect(s.samples().contains { $0.key.name == "node_filesystem_device_error" && $0.key.label("mountpoint") == "/mnt/nfs" && $0.value == 1 })
        // While the first call is stuck, the next tick does not start another one for that mount.
        let callsBefore = counter.calls.withLock { $0 }
        try collector.collect(into: &s)
        #expect(s.unavailableMounts?.map(\.mount.mountPoint) == ["/mnt/nfs"])
        #expect(counter.calls.withLock { $0 } == callsBefore + 2, "only the two healthy mounts were asked again")
    }

    @Test func ratesUseTheTimeSinceTheCollectorsOwnLastRun() {
        func disk(_ sectors: UInt64) -> DiskIO {
            DiskIO(name: "sda", major: 8, minor: 0, readsCompleted: 0, sectorsRead: sectors, writesCompleted: 0, sectorsWritten: 0, ioMilliseconds: 0)
        }
        var d = RateDeriver()
        var a = Snapshot(time: 0, interval: nil, host: HostInfo(hostname: "h"))
        a.disks = [disk(0)]
        d.derive(&a, ran: ["disk"], elapsed: [:])
        var b = Snapshot(time: 0, interval: 1, host: HostInfo(hostname: "h"))
        b.disks = [disk(4000)]
        d.derive(&b, ran: ["disk"], elapsed: ["disk": 4])
        #expect(b.disks?[0].readBytesPerSecond == Double(4000 * 512 / 4))
        var c = b
        c.disks?[0].sectorsRead = 9999
        d.derive(&c, ran: [], elapsed: [:])
        #expect(c.disks?[0].readBytesPerSecond == b.disks?[0].readBytesPerSecond, "a carried-over section keeps its rates")
    }

    @Test func processIORatesFollowTheProcess() {
        func process(start: UInt64, read: UInt64) -> ProcessSample {
            var p = ProcessSample(pid: 9, name: "p", state: 83, ppid: 1, utimeTicks: 0, stimeTicks: 0, nice: 0, threads: 1,
                                  startTicks: start, virtualBytes: 0, residentBytes: 0)
            p.ioReadBytes = read
            p.ioWriteBytes = 0
            return p
        }
        var d = RateDeriver()
        var a = Snapshot(time: 0, interval: nil, host: HostInfo(hostname: "h"))
        a.processes = [process(start: 1, read: 1000)]
        d.derive(&a)
        var b = Snapshot(time: 0, interval: 2, host: HostInfo(hostname: "h"))
        b.processes = [process(start: 1, read: 5000)]
        d.derive(&b)
        #expect(b.processes?[0].ioReadBytesPerSecond == 2000)
        #expect(b.processes?[0].ioBytesPerSecond == 2000)
        var c = Snapshot(time: 0, interval: 2, host: HostInfo(hostname: "h"))
        c.processes = [process(start: 7, read: 9000)]
        d.derive(&c)
        #expect(c.processes?[0].ioReadBytesPerSecond == nil, "pid reused: no inherited counters")
    }
}
