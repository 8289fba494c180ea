import AlertDelivery
import Alerting
import HistoryFile
import Pipeline
import SeriesStore
import Synchronization
import Testing
import TestSupport
import VitalsCore

/// One pipeline records every tick, whatever shows it: the store, history saves, alerts and
/// observers, driven here tick by tick with made-up times (no waiting).
@Suite struct TickPipelineTests {
    static let retention = StoreRetention(rawSamples: 120, tiers: [.init(width: 60, buckets: 10)])

    static func snapshot(_ t: Int, load: Double = 0.5, failing: Bool = false) -> Snapshot {
        var s = Snapshot(time: Double(t), interval: 1, host: HostInfo(hostname: "h"))
        s.load = LoadAverage(one: load, five: load, fifteen: load, runnable: 1, total: 100)
        var health = CollectorHealth(name: "disk")
        if failing {
            health.consecutiveFailures = 3
            health.lastError = "stalled"
        }
        s.health = [health]
        return s
    }

    static func record(_ pipeline: TickPipeline, _ range: ClosedRange<Int>) {
        for t in range { pipeline.record(snapshot(t)) }
    }

    @Test func aMinutesClosedBucketsReachTheFileAndExitSavesTheRest() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { Shell.run("rm -rf \(Shell.quote(directory))") }
        let pipeline = TickPipeline.open(directory: directory, retention: Self.retention, firstSpan: 900, firstSeries: nil, clock: { 0 })
        let file = try #require(pipeline.history)
        Self.record(pipeline, 1...65)
        file.drain()
        let saved = try #require(file.recordedRange, "the first minute, saved as the second began")
        #expect(saved.first == 0 && saved.last == 60, "\(saved)")
        Self.record(pipeline, 66...185)
        pipeline.finish()
        let all = try #require(file.recordedRange)
        #expect(all.first == 0 && all.last == 240, "minutes 0-2 and the open one: \(all)")
    }

    @Test func observersSeeEachTickWithItsSamplesAndHealthChangesOnce() {
        let pipeline = TickPipeline(store: SeriesStore(retention: Self.retention), history: nil)
        let seen = Mutex<[Tick]>([])
        pipeline.observe { event in
            if case let .tick(tick) = event { seen.withLock { $0.append(tick) } }
        }
        pipeline.record(Self.snapshot(1))
        pipeline.record(Self.snapshot(2, failing: true))
        pipeline.record(Self.snapshot(3, failing: true))
        pipeline.record(Self.snapshot(4))
        let ticks = seen.withLock { $0 }
        #expect(ticks.map(\.snapshot.time) == [1, 2, 3, 4])
        #expect(ticks[0].samples.contains { $0.key == SeriesKey("node_load1") && $0.value == 0.5 })
        #expect(ticks.map { $0.healthChanges.map(\.isHealthy) } == [[], [false], [], [true]], "failing once, recovered once")
        #expect(pipeline.read { $0.store.tickCount } == 4)
        #expect(pipeline.read { $0.snapshot?.time } == 4)
    }

    @Test func alertsAreEvaluatedAtEachTickAndNewRulesTakeEffectOnReconfigure() throws {
        let pipeline = TickPipeline(store: SeriesStore(retention: Self.retention), history: nil, clock: { 0 })
        let high = AlertRule(name: "load-high", expr: try AlertExprParser.parse("node_load1 > 1"), summary: "load")
        pipeline.useAlerts(AlertService(configuration: AlertConfiguration(rules: [high], notifiers: []), journal: nil, now: 0, clock: { 0 }))
        #expect(pipeline.record(Self.snapshot(1, load: 0.5)).transitions.isEmpty)
        let fired = pipeline.record(Self.snapshot(2, load: 2))
        #expect(fired.transitions.map(\.to) == [.firing], "no `for`: firing at once")
        #expect(pipeline.read { r in r.store.keys(named: "ALERTS").count } == 1, "ALERTS is a series like any other")
        let low = AlertRule(name: "load-low", expr: try AlertExprParser.parse("node_load1 < 1"), summary: "load")
        pipeline.reconfigure(interval: .seconds(1), skippedInterfaces: [], alerts: AlertConfiguration(rules: [low], notifiers: []))
        let after = pipeline.record(Self.snapshot(3, load: 0.5))
        #expect(after.transitions.contains { $0.instance.rule == "load-low" && $0.to == .firing })
        #expect(pipeline.read { $0.alerts?.configuration.rules.map(\.name) } == ["load-low"])
    }

    @Test func theSecondPassFillsInOlderHistoryInBatchesAndSaysSo() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { Shell.run("rm -rf \(Shell.quote(directory))") }
        // Eight minutes recorded and saved, then reopened 10 s later with a first pass of two minutes.
        do {
            let writer = TickPipeline.open(directory: directory, retention: Self.retention, firstSpan: 60, firstSeries: nil, clock: { 0 })
            Self.record(writer, 1...480)
            writer.finish()
        }
        let pipeline = TickPipeline.open(directory: directory, retention: Self.retention, firstSpan: 60, firstSeries: nil, clock: { 490 })
        let loaded = Mutex(0)
        pipeline.observe { event in
            if case .historyLoaded = event { loaded.withLock { $0 += 1 } }
        }
        let window = { pipeline.read { r in r.store.window(SeriesKey("node_load1"), from: 0, to: 480, points: 8).compactMap { $0 }.count } }
        let before = window()
        let rows = pipeline.loadRest()
        #expect(rows > 0)
        #expect(before < window(), "older buckets arrived: \(before) then \(window()) of 8 points")
        #expect(window() >= 7)
        #expect(loaded.withLock { $0 } == 1)
        #expect(pipeline.loadRest() == 0, "once")
    }

    @Test func anotherHostsTicksOnlyMoveForward() {
        let pipeline = TickPipeline(store: SeriesStore(retention: Self.retention), history: nil)
        let samples = [Sample(SeriesKey("node_load1"), 1)]
        #expect(pipeline.recordRemote(time: 10, samples: samples, processes: nil))
        #expect(!pipeline.recordRemote(time: 9, samples: samples, processes: nil))
        #expect(pipeline.recordRemote(time: 11, samples: samples, processes: nil))
        #expect(pipeline.read { $0.store.tickCount } == 2)
    }

    @Test func aHistoryFileThatCannotBeOpenedLeavesANoticeAndRecordingGoesOn() {
        let pipeline = TickPipeline.open(directory: "/proc/vitals-test/none", retention: Self.retention, firstSpan: 60, firstSeries: nil)
        #expect(pipeline.history == nil)
        #expect(pipeline.notices.contains { $0.hasPrefix("history not kept") }, "\(pipeline.notices)")
        Self.record(pipeline, 1...3)
        #expect(pipeline.read { $0.store.tickCount } == 3)
    }
}
