@testable import Collectors
import ProcFS
import TestSupport
import Testing
import VitalsCore

/// Sleeping processes with no new CPU time are re-read every other tick; everything else every tick.
@Suite struct IdleProcessTests {
    func run(ticks: Int, details: ProcessDetailPolicy = .none, idleReadEvery: Int = 2) -> [Snapshot] {
        let clock = ManualClock()
        let registry = CollectorRegistry(
            collectors: [ProcessCollector(procfs: ProcFS(root: Fixtures.procRoot), details: details, idleReadEvery: idleReadEvery)],
            clock: clock
        )
        return (0..<ticks).map { _ in
            clock.advance(by: .seconds(1))
            return registry.collect()
        }
    }

    func carried(_ s: Snapshot) -> Set<Int32> {
        Set((s.processes ?? []).filter(\.isCarriedOver).map(\.pid))
    }

    @Test func idleSleepersAreReadEveryOtherTickAfterFiveIdleReads() {
        // Fixture counters never move: pid 1, 1330 and (sd-pam) sleep; 4243 runs; 4244 is a zombie.
        let snapshots = run(ticks: 9)
        for s in snapshots.prefix(6) { #expect(carried(s).isEmpty) }
        #expect(carried(snapshots[6]) == [1, 1330, 4242])
        #expect(carried(snapshots[7]).isEmpty)
        #expect(carried(snapshots[8]) == [1, 1330, 4242])
        for s in snapshots { #expect(s.processes?.count == 5, "a carried process is still listed") }
        let sdPam = snapshots[6].processes?.first { $0.pid == 4242 }
        #expect(sdPam?.cpuPercent == 0)
        #expect(sdPam?.user != nil && sdPam?.cgroup != nil, "the carried sample keeps user and cgroup")
    }

    @Test func rowsOnScreenAreAlwaysReadFresh() {
        let request = ProcessDetailRequest()
        request.set([1])
        let snapshots = run(ticks: 9, details: .requested(request))
        #expect(carried(snapshots[6]) == [1330, 4242])
    }

    @Test func everyTickWhenAskedTo() {
        #expect(run(ticks: 9, idleReadEvery: 1).allSatisfy { carried($0).isEmpty })
    }

    @Test func theRateAfterASkippedTickUsesTheRealElapsedTime() {
        func process(ticks: UInt64, carried: Bool = false) -> ProcessSample {
            var p = ProcessSample(pid: 5, name: "w", state: 83, ppid: 1, utimeTicks: ticks, stimeTicks: 0, nice: 0, threads: 1,
                                  startTicks: 42, virtualBytes: 0, residentBytes: 0)
            p.isCarriedOver = carried
            return p
        }
        var d = RateDeriver()
        func tick(_ p: ProcessSample) -> Double? {
            var s = Snapshot(time: 0, interval: 1, host: HostInfo(hostname: "h"), ticksPerSecond: 100)
            s.processes = [p]
            d.derive(&s, ran: ["processes"], elapsed: ["processes": 1])
            return s.processes?[0].cpuPercent
        }
        _ = tick(process(ticks: 100))
        #expect(tick(process(ticks: 100, carried: true)) == 0)
        // 200 ticks at 100 Hz over the 2 s since the last real read: one core, not two.
        #expect(tick(process(ticks: 300)) == 100)
    }
}

/// /proc is listed again only when /proc/stat's fork count moved (or every `relistEvery` ticks).
@Suite struct ProcessListingTests {
    func collect(_ collector: inout ProcessCollector, forks: UInt64?) throws -> Set<Int32> {
        var s = Snapshot(time: 0, host: HostInfo(hostname: "h"))
        if let forks {
            var stat = CPUStat()
            stat.forks = forks
            s.cpu = CPUReading(stat: stat, usage: nil, coreBusy: [])
        }
        try collector.collect(into: &s)
        return Set((s.processes ?? []).map(\.pid))
    }

    /// A new process: a copy of another's directory with its pid in the stat file changed.
    func copy(_ pid: Int32, as new: Int32, in root: String) {
        Shell.run("cp -r \(Shell.quote(root))/proc/\(pid) \(Shell.quote(root))/proc/\(new) && sed -i 's/^\(pid) /\(new) /' \(Shell.quote(root))/proc/\(new)/stat")
    }

    @Test func aNewProcessIsListedWhenTheForkCountMovesAndNotBefore() throws {
        let root = Fixtures.temporaryDirectory()
        defer { Shell.run("rm -rf \(Shell.quote(root))") }
        Shell.run("cp -r \(Shell.quote(Fixtures.procRoot)) \(Shell.quote(root))/proc")
        var collector = ProcessCollector(procfs: ProcFS(root: root + "/proc"), idleReadEvery: 1, listEvery: 2)
        let first = try collect(&collector, forks: 100)
        #expect(first.count == 5)
        copy(1330, as: 5000, in: root)
        #expect(try collect(&collector, forks: 100) == first, "no fork: the last listing stands")
        #expect(try collect(&collector, forks: 101).contains(5000), "a fork: /proc listed again")
        // A fork on the tick right after a listing waits one tick.
        copy(1330, as: 5002, in: root)
        #expect(try !collect(&collector, forks: 102).contains(5002))
        #expect(try collect(&collector, forks: 102).contains(5002))
        // Without a CPU reading there is no fork count to trust: every tick lists.
        copy(1330, as: 5001, in: root)
        #expect(try collect(&collector, forks: nil).contains(5001))
    }

    @Test func aGoneIdleProcesssPlaceGoesToANewOneAndNeverItsSample() throws {
        let root = Fixtures.temporaryDirectory()
        defer { Shell.run("rm -rf \(Shell.quote(root))") }
        Shell.run("cp -r \(Shell.quote(Fixtures.procRoot)) \(Shell.quote(root))/proc")
        var collector = ProcessCollector(procfs: ProcFS(root: root + "/proc"), idleReadEvery: 2)
        var forks: UInt64 = 1
        func tick() throws -> [ProcessSample] {
            var s = Snapshot(time: 0, host: HostInfo(hostname: "h"))
            var stat = CPUStat()
            stat.forks = forks
            s.cpu = CPUReading(stat: stat, usage: nil, coreBusy: [])
            try collector.collect(into: &s)
            return s.processes ?? []
        }
        for _ in 0..<6 { _ = try tick() }
        #expect(try tick().first { $0.pid == 1330 }?.isCarriedOver == true, "idle: carried over")
        // 1330 exits; the next listing (after a fork) misses it, and the prune, within a minute of
        // ticks, lets go of its place.
        Shell.run("rm -rf \(Shell.quote(root))/proc/1330")
        forks += 1
        _ = try tick()
        #expect(try !tick().contains { $0.pid == 1330 })
        for _ in 0..<60 { _ = try tick() }
        #expect(collector.idleSlots == (used: 4, held: 5))
        // A new sleeper (a copy of 4242) arrives by a fork and takes that place.
        copy(4242, as: 6000, in: root)
        forks += 1
        _ = try tick()
        let fresh = try tick()
        let name = try #require(fresh.first { $0.pid == 6000 }).name
        #expect(collector.idleSlots == (used: 5, held: 5), "the gone process's place was reused")
        var carried: ProcessSample?
        for _ in 0..<8 where carried == nil {
            carried = try tick().first { $0.pid == 6000 && $0.isCarriedOver }
        }
        let sample = try #require(carried, "the new sleeper is carried over once idle")
        #expect(sample.pid == 6000 && sample.name == name && sample.startTicks == fresh.first { $0.pid == 6000 }?.startTicks)
    }

    @Test func aListingIsNeverOlderThanTenTicks() throws {
        let root = Fixtures.temporaryDirectory()
        defer { Shell.run("rm -rf \(Shell.quote(root))") }
        Shell.run("cp -r \(Shell.quote(Fixtures.procRoot)) \(Shell.quote(root))/proc")
        var collector = ProcessCollector(procfs: ProcFS(root: root + "/proc"), idleReadEvery: 1)
        _ = try collect(&collector, forks: 7)
        copy(1330, as: 5000, in: root)
        var seenAt: Int?
        for tick in 1...10 where seenAt == nil {
            if try collect(&collector, forks: 7).contains(5000) { seenAt = tick }
        }
        #expect(seenAt == ProcessCollector.relistEvery, "the tenth tick after the listing lists again")
    }
}
