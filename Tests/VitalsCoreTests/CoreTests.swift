import Testing
import VitalsCore

@Suite struct SeriesKeyTests {
    @Test func labelsAreSortedAndEscaped() {
        let key = SeriesKey("node_filesystem_size_bytes", ["mountpoint": "/mnt/\"x\"\\\n", "device": "sda"])
        #expect(key.labels.map(\.name) == ["device", "mountpoint"])
        #expect(key.description == #"node_filesystem_size_bytes{device="sda",mountpoint="/mnt/\"x\"\\\n"}"#)
        #expect(key == SeriesKey("node_filesystem_size_bytes", ["device": "sda", "mountpoint": "/mnt/\"x\"\\\n"]))
        #expect(SeriesKey("node_load1").description == "node_load1")
    }
}

@Suite struct CounterMathTests {
    @Test func rateIsDeltaOverSeconds() {
        #expect(CounterMath.rate(from: 100, to: 300, over: 2) == 100)
    }

    @Test func aCounterThatWentBackwardsIsAResetNotASpike() {
        #expect(CounterMath.delta(from: 500, to: 10) == nil)
        #expect(CounterMath.rate(from: UInt64.max - 1, to: 3, over: 1) == nil)
    }

    @Test func noTimeMeansNoRate() {
        #expect(CounterMath.rate(from: 1, to: 2, over: 0) == nil)
    }

    @Test func cpuUsageSplitsModes() throws {
        var a = CPUTimes(), b = CPUTimes()
        a.user = 100; a.system = 50; a.idle = 850
        b.user = 150; b.system = 75; b.idle = 925; b.iowait = 50
        let u = try #require(CPUUsage.between(a, b))
        #expect(u.busy == 0.375)
        #expect(u.user == 0.25)
        #expect(u.system == 0.125)
        #expect(u.iowait == 0.25)
        #expect(CPUUsage.between(b, a) == nil)
        #expect(CPUUsage.between(a, a) == nil)
    }
}

@Suite struct SampleNamingTests {
    @Test func memoryFieldsGetNodeExporterNames() {
        #expect(Snapshot.memoryMetricName("MemAvailable") == "node_memory_MemAvailable_bytes")
        #expect(Snapshot.memoryMetricName("Active(anon)") == "node_memory_Active_anon_bytes")
        #expect(Snapshot.memoryMetricName("HugePages_Total") == "node_memory_HugePages_Total")
    }

    @Test func snapshotFlattensUnderPrometheusNames() {
        var s = Snapshot(time: 1000, interval: 1, host: HostInfo(hostname: "h"), ticksPerSecond: 100)
        var stat = CPUStat()
        var t = CPUTimes()
        t.user = 250
        stat.cores = [CPUStat.Core(id: 0, times: t)]
        stat.total = t
        s.cpu = CPUReading(stat: stat, usage: nil, coreBusy: [0.5])
        s.load = LoadAverage(one: 1, five: 2, fifteen: 3, runnable: 1, total: 9)
        s.network = [NetworkInterface(name: "eth0", receiveBytes: 10, receivePackets: 1, receiveErrors: 0, receiveDrops: 0,
                                      transmitBytes: 20, transmitPackets: 2, transmitErrors: 0, transmitDrops: 0)]
        let samples = s.samples()
        let user = samples.first { $0.key == SeriesKey("node_cpu_seconds_total", ["cpu": "0", "mode": "user"]) }
        #expect(user?.value == 2.5)
        #expect(user?.kind == .counter)
        #expect(samples.contains { $0.key == SeriesKey("node_load15") && $0.value == 3 })
        #expect(samples.contains { $0.key == SeriesKey("vitals_cpu_core_utilization_ratio", ["cpu": "0"]) && $0.value == 0.5 })
        #expect(samples.contains { $0.key == SeriesKey("node_network_transmit_bytes_total", ["device": "eth0"]) && $0.kind == .counter })
    }
}
