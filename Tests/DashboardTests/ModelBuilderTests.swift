import Collectors
import Dashboard
import ProcFS
import Rendering
import SeriesStore
import TestSupport
import Testing
import VitalsCore

@Suite struct ModelBuilderTests {
    func process(_ pid: Int32, cpu: Double?, rss: UInt64, name: String = "p") -> ProcessSample {
        var p = ProcessSample(pid: pid, name: name, state: 83, ppid: 1, utimeTicks: 0, stimeTicks: 0, nice: 0, threads: 1,
                              startTicks: 0, virtualBytes: 0, residentBytes: rss)
        p.cpuPercent = cpu
        p.user = "root"
        return p
    }

    func nic(_ name: String, _ bytes: UInt64) -> NetworkInterface {
        NetworkInterface(name: name, receiveBytes: bytes, receivePackets: 0, receiveErrors: 0, receiveDrops: 0,
                         transmitBytes: 0, transmitPackets: 0, transmitErrors: 0, transmitDrops: 0)
    }

    @Test func topProcessesByCPUThenMemory() {
        var s = Snapshot(time: 0, host: HostInfo(hostname: "h"))
        s.memory = MemoryInfo(fields: [("MemTotal", 1000), ("MemAvailable", 400)])
        s.processes = [process(1, cpu: 5, rss: 10), process(2, cpu: 50, rss: 1), process(3, cpu: nil, rss: 500), process(4, cpu: 5, rss: 100)]
        let model = DashboardModelBuilder(historyPoints: 10).build(snapshot: s, store: SeriesStore(capacity: 10), interval: 1, hostFallback: "x")
        #expect(model.processes.rows.map(\.pid) == [2, 4, 1, 3])
        #expect(model.processes.rows[0].memoryPercent == 0.1)
        #expect(model.processes.total == 4)
        #expect(model.memory?.used == 600)
    }

    @Test func topProcessesByMemoryOrIO() {
        var s = Snapshot(time: 0, host: HostInfo(hostname: "h"))
        var reader = process(1, cpu: 90, rss: 10)
        reader.ioReadBytesPerSecond = 5000
        reader.ioWriteBytesPerSecond = 0
        var writer = process(2, cpu: 1, rss: 20)
        writer.ioReadBytesPerSecond = 0
        writer.ioWriteBytesPerSecond = 9000
        s.processes = [reader, writer, process(3, cpu: 50, rss: 500)]
        var builder = DashboardModelBuilder(historyPoints: 10)
        builder.sort = .memory
        #expect(builder.build(snapshot: s, store: SeriesStore(capacity: 10), interval: 1, hostFallback: "x").processes.rows.map(\.pid) == [3, 2, 1])
        builder.sort = .io
        let model = builder.build(snapshot: s, store: SeriesStore(capacity: 10), interval: 1, hostFallback: "x")
        #expect(model.processes.rows.map(\.pid) == [2, 1, 3], "no I/O figure sorts last")
        #expect(model.processes.rows[0].ioBytesPerSecond == 9000)
        #expect(model.processes.sort == .io)
    }

    @Test func hidesLoopbackAndUnusedInterfacesAndPartitions() {
        var s = Snapshot(time: 0, host: HostInfo(hostname: "h"))
        s.network = [nic("lo", 100), nic("ifb0", 0), nic("eth0", 5)]
        var part = DiskIO(name: "sda1", major: 8, minor: 1, readsCompleted: 5, sectorsRead: 0, writesCompleted: 0, sectorsWritten: 0, ioMilliseconds: 0)
        part.isWholeDisk = false
        s.disks = [DiskIO(name: "sda", major: 8, minor: 0, readsCompleted: 5, sectorsRead: 0, writesCompleted: 0, sectorsWritten: 0, ioMilliseconds: 0), part]
        let model = DashboardModelBuilder(historyPoints: 10).build(snapshot: s, store: SeriesStore(capacity: 10), interval: 1, hostFallback: "x")
        #expect(model.network.interfaces.map(\.name) == ["eth0"])
        #expect(model.disk.devices.map(\.name) == ["sda"])
    }

    @Test func historiesComeFromTheStore() {
        let store = SeriesStore(capacity: 10)
        for (t, v) in [(9.0, 0.25), (10.0, 0.5)] { store.append([Sample(SeriesKey("vitals_cpu_utilization_ratio"), v)], at: t) }
        let s = Snapshot(time: 10, host: HostInfo(hostname: "h"))
        let model = DashboardModelBuilder(historyPoints: 3).build(snapshot: s, store: store, interval: 1, hostFallback: "x")
        #expect(model.cpu.history == [nil, 0.25, 0.5])
    }

    @Test func theModeSplitIsFetchedOnlyWhenAskedAndGroupedAsVmstatDoes() {
        let store = SeriesStore(capacity: 10)
        let shares: [String: Double] = ["user": 0.2, "nice": 0.05, "system": 0.1, "irq": 0.01, "softirq": 0.02, "iowait": 0.3, "steal": 0.04, "idle": 0.28]
        for t in [9.0, 10.0] {
            store.append(shares.map { Sample(SeriesKey("vitals_cpu_mode_ratio", ["mode": $0.key]), $0.value) }, at: t)
        }
        let s = Snapshot(time: 10, host: HostInfo(hostname: "h"))
        var builder = DashboardModelBuilder(historyPoints: 3)
        #expect(builder.build(snapshot: s, store: store, interval: 1, hostFallback: "x").cpu.modes == nil)
        builder.cpuModes = true
        let modes = try! #require(builder.build(snapshot: s, store: store, interval: 1, hostFallback: "x").cpu.modes)
        func close(_ history: GraphHistory, _ value: Double) -> Bool {
            history.mean.count == 3 && history.mean[0] == nil && history.mean[1...].allSatisfy { abs(($0 ?? -1) - value) < 1e-6 }
        }
        #expect(close(modes.user, 0.25), "user + nice")
        #expect(close(modes.system, 0.13), "system + irq + softirq")
        #expect(close(modes.iowait, 0.3))
        #expect(close(modes.steal, 0.04))
    }

    @Test func aZoomedWindowReadsTheCoarseTiersWithMaxes() {
        // Raw ring of 60 ticks, 1-minute buckets for a day: six hours of ticks, a spike at 2 h.
        let store = SeriesStore(retention: StoreRetention(rawSamples: 60, tiers: [.init(width: 60, buckets: 1440)]))
        let key = SeriesKey("vitals_cpu_utilization_ratio")
        for t in 0..<(6 * 3600) { store.append([Sample(key, t == 7200 ? 1 : 0.1)], at: Double(t)) }
        var builder = DashboardModelBuilder(historyPoints: 120)
        builder.window = .sixHours
        let s = Snapshot(time: Double(6 * 3600 - 1), host: HostInfo(hostname: "h"))
        let history = builder.build(snapshot: s, store: store, interval: 1, hostFallback: "x").cpu.history
        #expect(!history.perTick)
        #expect(history.mean.count == 120, "3 minutes a point over 6 hours")
        #expect(history.mean.compactMap { $0 }.allSatisfy { $0 < 0.12 }, "the means hide the spike")
        #expect(history.max.compactMap { $0 }.max() == 1, "the maxes keep it")
        builder.window = .oneMinute
        let minute = builder.build(snapshot: s, store: store, interval: 1, hostFallback: "x").cpu.history
        #expect(minute.mean.count == 60, "never finer than the interval")
        #expect(minute.mean.allSatisfy { $0 != nil })
    }

    @Test func failedCollectorsShowTheirErrorInPaneAndStatus() throws {
        let root = Fixtures.temporaryDirectory()
        defer { Shell.run("rm -rf \(Shell.quote(root))") }
        Shell.run("cp -r \(Shell.quote(Fixtures.procRoot)) \(Shell.quote(root))/proc && rm \(Shell.quote(root))/proc/net/dev")
        let registry = CollectorRegistry(
            collectors: StandardCollectors.make(procfs: ProcFS(root: root + "/proc"), sysfs: SysFS(root: Fixtures.sysRoot)),
            clock: ContinuousClock()
        )
        let model = DashboardModelBuilder(historyPoints: 10).build(snapshot: registry.collect(), store: SeriesStore(capacity: 10), interval: 1, hostFallback: "x")
        let expected = root + "/proc/net/dev: No such file or directory"
        #expect(model.network.error == expected)
        #expect(model.status.problems == ["network: " + expected])
        #expect(model.memory?.error == nil)
        let canvas = DashboardView().render(model, width: 120, height: 40)
        #expect(canvas.lines.joined().contains("! " + String(expected.prefix(20))))
    }
}
