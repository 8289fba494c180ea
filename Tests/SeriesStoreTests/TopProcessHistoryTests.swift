@testable import SeriesStore
import Testing

@Suite struct TopProcessSelectionTests {
    func p(_ pid: Int32, cpu: Double = 0, rss: UInt64 = 0, io: Double = 0) -> TopProcess {
        TopProcess(pid: pid, name: "p\(pid)", user: "u", cpuPercent: cpu, residentBytes: rss, ioBytesPerSecond: io)
    }

    @Test func theUnionOfTheHeaviestByCPUMemoryAndIOHeaviestCPUFirst() {
        let all = [p(1, cpu: 50), p(2, cpu: 10, rss: 900), p(3, rss: 800), p(4, io: 5), p(5, rss: 1), p(6, cpu: 20)]
        let top = TopProcessSelection.heaviest(all, perOrder: 2)
        // CPU: 1, 6. Memory: 2, 3. I/O: 4 (the only one with any).
        #expect(top.map(\.pid) == [1, 6, 2, 3, 4])
    }

    @Test func idleProcessesAreNotTheHeaviestByCPUOrIOAndTiesGoByPID() {
        let all = (1...30).map { p(Int32($0), rss: 100) }
        let top = TopProcessSelection.heaviest(all, perOrder: 10)
        #expect(top.map(\.pid) == Array(1...10), "ten by memory only, lowest pids on ties")
        #expect(TopProcessSelection.heaviest([], perOrder: 10).isEmpty)
        #expect(TopProcessSelection.heaviest(all, perOrder: 0).isEmpty)
    }
}

@Suite struct TopProcessHistoryTests {
    let retention = StoreRetention(rawSamples: 5, tiers: [.init(width: 60, buckets: 3), .init(width: 600, buckets: 2)])

    func tick(_ busy: Int32, cpu: Double, rss: UInt64 = 1 << 20, others: Int = 20) -> [TopProcess] {
        (0..<Int32(others)).map { TopProcess(pid: 1000 + $0, name: "idle", user: "root", cpuPercent: 0, residentBytes: 4096, ioBytesPerSecond: 0) }
            + [TopProcess(pid: busy, name: "busy\(busy)", user: "app", cpuPercent: cpu, residentBytes: rss, ioBytesPerSecond: 10)]
    }

    @Test func eachTickKeepsItsHeaviestInTheRawRing() throws {
        let history = TopProcessHistory(retention: retention, perOrder: 3, coarseInMemory: true)
        for t in 0..<8 { history.record(tick(Int32(t), cpu: Double(t)), at: 100 + Double(t)) }
        let moment = try #require(history.moment(at: 106.2))
        #expect(moment.time == 106 && moment.width == 0)
        #expect(moment.processes.first?.name == "busy6" && moment.processes.first?.cpuPercent == 6)
        #expect(moment.processes.first?.user == "app" && moment.processes.first?.residentBytes == 1 << 20)
        #expect(moment.processes.count == 3, "busy by CPU, memory and I/O, and the two next by memory")
        // Only the last five ticks are raw: tick 102 now comes from its minute's bucket.
        let older = try #require(history.moment(at: 102))
        #expect(older.width == 60 && older.time == 60)
    }

    @Test func aBucketKeepsEachProcessPeakAndClosesToTheHeaviest() throws {
        let history = TopProcessHistory(retention: retention, perOrder: 2, coarseInMemory: false)
        // Minute 1: pid 7 peaks at 90 % for one tick, pid 8 runs at 40 % throughout.
        for s in 0..<60 {
            var processes = tick(8, cpu: 40)
            processes.append(TopProcess(pid: 7, name: "spike", user: "app", cpuPercent: s == 30 ? 90 : 0, residentBytes: 1, ioBytesPerSecond: 0))
            history.record(processes, at: 60 + Double(s))
        }
        #expect(history.takeUnpersisted().isEmpty, "nothing closed yet")
        let open = try #require(history.takeUnpersisted(includeOpen: true).first { $0.tier == 0 })
        #expect(open.bucket == 1 && open.processes.map(\.name).prefix(2) == ["spike", "busy8"])
        history.record(tick(8, cpu: 1), at: 121)
        let closed = history.takeUnpersisted()
        #expect(closed.map(\.tier) == [0], "the minute closed; the ten minutes did not")
        #expect(closed.first?.processes.first?.cpuPercent == 90)
        #expect(history.takeUnpersisted().isEmpty, "handed out once")
        // Without coarse buckets in memory, a closed minute is the file's to answer for.
        #expect(history.moment(at: 90)?.width == 600, "only the open ten-minute bucket is here")
    }

    @Test func coarseBucketsInMemoryAgeOutWithTheirTier() {
        let short = StoreRetention(rawSamples: 2, tiers: retention.tiers)
        let history = TopProcessHistory(retention: short, perOrder: 2, coarseInMemory: true)
        for m in 0..<10 { history.record(tick(5, cpu: Double(m)), at: Double(m) * 60) }
        #expect(history.moment(at: 30)?.width == 600, "minute 0 is past the 3-bucket tier; its ten minutes are open")
        let minute6 = history.moment(at: 6 * 60 + 10)
        #expect(minute6?.width == 60 && minute6?.time == 360 && minute6?.processes.first?.cpuPercent == 6)
        #expect(history.takeUnpersisted().isEmpty, "kept here, not queued for a file")
    }

    @Test func timesOnlyMoveForwardAndNothingBeforeTheFirstTick() {
        let history = TopProcessHistory(retention: retention, perOrder: 2, coarseInMemory: true)
        #expect(history.moment(at: 100) == nil)
        history.record(tick(1, cpu: 5), at: 100)
        history.record(tick(2, cpu: 5), at: 99)
        #expect(history.moment(at: 100)?.processes.first?.pid == 1)
        #expect(history.moment(at: 50) == nil, "before anything was recorded")
        #expect(history.byteCount > 0)
    }

    /// Memory for a full raw ring at the default retention (an hour of 1 s ticks), 20–30 records a
    /// tick: 16 bytes a record and the names once (it was 42 bytes a record with a name in each).
    @Test func aFullHourCostsUnderTwentyBytesARecord() {
        let history = TopProcessHistory(retention: .standard(interval: 1), perOrder: 10, coarseInMemory: false)
        let processes = (0..<100).map { (i: Int) -> TopProcess in
            let cpu = Double(i % 23), io = Double(i % 7), rss = UInt64(i) << 20
            return TopProcess(pid: Int32(i), name: "process\(i)", user: "user\(i % 5)", cpuPercent: cpu, residentBytes: rss, ioBytesPerSecond: io)
        }
        for t in 0..<3600 { history.record(processes, at: Double(t)) }
        _ = history.takeUnpersisted()
        let records = history.moment(at: 3599)?.processes.count ?? 0
        #expect(records >= 20 && records <= 30)
        let perRecord = Double(history.byteCount) / Double(3600 * records)
        #expect(perRecord >= 16 && perRecord < 20, "\(perRecord) bytes a record")
    }

    /// Processes that come and go (a new pid every tick) are named only while a tick held names
    /// them: the table of names does not grow with uptime, and what is held reads back right.
    @Test func namesOfProcessesNoTickHoldsAreFreedAndReused() throws {
        let history = TopProcessHistory(retention: StoreRetention(rawSamples: 100, tiers: []), perOrder: 3, coarseInMemory: false)
        var largest = 0
        for t in 0..<2_000 {
            let processes = (0..<3).map { i in
                TopProcess(pid: Int32(t * 3 + i), name: "job\(t)-\(i)", user: "u\(t % 4)", cpuPercent: Double(10 - i), residentBytes: 4096, ioBytesPerSecond: 0)
            }
            history.record(processes, at: Double(t))
            largest = max(largest, history.processesNamed)
        }
        #expect(largest <= (100 + 64) * 3, "at most the ticks held and one segment's: \(largest)")
        let moment = try #require(history.moment(at: 1_950))
        #expect(moment.processes.map(\.name) == ["job1950-0", "job1950-1", "job1950-2"])
        #expect(moment.processes.map(\.pid) == [5850, 5851, 5852] && moment.processes.first?.user == "u2")
        #expect(history.moment(at: 1_900)?.processes.first?.name == "job1900-0", "the oldest tick held")
        #expect(history.moment(at: 1_899 - 1) == nil, "older than the ring, and no coarse tier")
    }
}
