@testable import Collectors
import Testing
import VitalsCore

@Suite struct RateDeriverTests {
    func snapshot(interval: Double?) -> Snapshot {
        Snapshot(time: 0, interval: interval, host: HostInfo(hostname: "h"), ticksPerSecond: 100)
    }

    func disk(_ sectors: UInt64) -> DiskIO {
        DiskIO(name: "sda", major: 8, minor: 0, readsCompleted: 1, sectorsRead: sectors, writesCompleted: 1, sectorsWritten: sectors, ioMilliseconds: 0)
    }

    func process(pid: Int32, start: UInt64, ticks: UInt64) -> ProcessSample {
        ProcessSample(pid: pid, name: "p", state: 83, ppid: 1, utimeTicks: ticks, stimeTicks: 0, nice: 0, threads: 1,
                      startTicks: start, virtualBytes: 0, residentBytes: 0)
    }

    @Test func diskRatesAndResets() {
        var d = RateDeriver()
        var a = snapshot(interval: nil)
        a.disks = [disk(1000)]
        d.derive(&a)
        #expect(a.disks?[0].readBytesPerSecond == nil, "no predecessor: no rate")
        var b = snapshot(interval: 2)
        b.disks = [disk(3000)]
        d.derive(&b)
        #expect(b.disks?[0].readBytesPerSecond == Double(2000 * 512 / 2))
        var c = snapshot(interval: 1)
        c.disks = [disk(10)]
        d.derive(&c)
        #expect(c.disks?[0].readBytesPerSecond == nil, "a counter that went backwards is a reset, never a spike")
        var e = snapshot(interval: 1)
        e.disks = [disk(20)]
        d.derive(&e)
        #expect(e.disks?[0].readBytesPerSecond == Double(10 * 512))
    }

    @Test func processCPUIsPerPidAndStartTime() {
        var d = RateDeriver()
        var a = snapshot(interval: nil)
        a.processes = [process(pid: 10, start: 5, ticks: 100), process(pid: 11, start: 6, ticks: 0)]
        d.derive(&a)
        var b = snapshot(interval: 2)
        // pid 10 is the same process; pid 11 was reused by a new process (another start time).
        b.processes = [process(pid: 10, start: 5, ticks: 300), process(pid: 11, start: 99, ticks: 50)]
        d.derive(&b)
        #expect(b.processes?[0].cpuPercent == 100, "200 ticks over 2 s at 100 Hz is one core")
        #expect(b.processes?[1].cpuPercent == nil, "a reused pid never inherits the old process's ticks")
    }

    @Test func aGoneProcessIsForgottenAndItsPidStartsAfresh() {
        var d = RateDeriver()
        var a = snapshot(interval: nil)
        a.processes = [process(pid: 10, start: 5, ticks: 100), process(pid: 11, start: 6, ticks: 40)]
        d.derive(&a)
        #expect(d.trackedProcesses == 2)
        var b = snapshot(interval: 1)
        b.processes = [process(pid: 10, start: 5, ticks: 150)]
        d.derive(&b)
        #expect(d.trackedProcesses == 1, "pid 11 left: its counters are dropped")
        #expect(b.processes?[0].cpuPercent == 50)
        // pid 11 is back with the same start time (a listing that missed it): no stale base is left
        // to make a rate from, so it starts afresh.
        var c = snapshot(interval: 1)
        c.processes = [process(pid: 10, start: 5, ticks: 150), process(pid: 11, start: 6, ticks: 90)]
        d.derive(&c)
        #expect(c.processes?[1].cpuPercent == nil)
        #expect(c.processes?[0].cpuPercent == 0)
    }

    @Test func ioRatesNeedBothReadsAndUnreadableIOStaysUnknown() {
        var d = RateDeriver()
        func withIO(_ read: UInt64?, _ write: UInt64?) -> ProcessSample {
            var p = process(pid: 7, start: 1, ticks: 0)
            p.ioReadBytes = read
            p.ioWriteBytes = write
            return p
        }
        var a = snapshot(interval: nil)
        a.processes = [withIO(1000, nil)]
        d.derive(&a)
        var b = snapshot(interval: 2)
        b.processes = [withIO(5000, 800)]
        d.derive(&b)
        #expect(b.processes?[0].ioReadBytesPerSecond == 2000)
        #expect(b.processes?[0].ioWriteBytesPerSecond == nil, "no write counter at the previous read")
        var c = snapshot(interval: 2)
        c.processes = [withIO(nil, 1800)]
        d.derive(&c)
        #expect(c.processes?[0].ioReadBytesPerSecond == nil)
        #expect(c.processes?[0].ioWriteBytesPerSecond == 500)
    }

    @Test func coresAreMatchedByIdAcrossHotPlug() {
        func stat(_ ids: [Int], busy: UInt64, idle: UInt64) -> CPUStat {
            var s = CPUStat()
            var t = CPUTimes()
            t.user = busy
            t.idle = idle
            s.total = t
            s.cores = ids.map { CPUStat.Core(id: $0, times: t) }
            return s
        }
        var d = RateDeriver()
        var a = snapshot(interval: nil)
        a.cpu = CPUReading(stat: stat([0, 1], busy: 100, idle: 100))
        d.derive(&a)
        #expect(a.cpu?.coreBusy == [nil, nil])
        var b = snapshot(interval: 1)
        b.cpu = CPUReading(stat: stat([0, 2], busy: 150, idle: 150))
        d.derive(&b)
        #expect(b.cpu?.coreBusy == [0.5, nil])
        #expect(b.cpu?.usage?.busy == 0.5)
    }

    @Test func networkRatesFollowInterfacesThatComeAndGo() {
        func nic(_ name: String, _ rx: UInt64) -> NetworkInterface {
            NetworkInterface(name: name, receiveBytes: rx, receivePackets: 0, receiveErrors: 0, receiveDrops: 0,
                             transmitBytes: 0, transmitPackets: 0, transmitErrors: 0, transmitDrops: 0)
        }
        var d = RateDeriver()
        var a = snapshot(interval: nil)
        a.network = [nic("eth0", 100)]
        d.derive(&a)
        var b = snapshot(interval: 1)
        b.network = [nic("eth0", 300), nic("wg0", 50)]
        d.derive(&b)
        #expect(b.network?.map(\.receiveBytesPerSecond) == [200, nil])
    }
}
