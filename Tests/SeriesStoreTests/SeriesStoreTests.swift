import SeriesStore
import Testing
import VitalsCore

/// The raw ring: ticks, gaps, wrap-around, labels, handles. Times are injected (ticks at 1 s).
@Suite struct SeriesStoreTests {
    let cpu = SeriesKey("vitals_cpu_utilization_ratio")

    /// The raw values of the last `n` ticks ending at the newest one: one window point per tick.
    static func lastTicks(_ store: SeriesStore, _ key: SeriesKey, _ n: Int) -> [Double?] {
        let now = store.latestTime ?? 0
        return store.window(key, from: now + 0.5 - Double(n), to: now + 0.5, points: n).map { $0?.mean }
    }

    @Test func keepsTheLastCapacityValuesOldestFirst() {
        let store = SeriesStore(capacity: 4)
        for v in 1...6 { store.append([Sample(cpu, Double(v))], at: Double(v)) }
        #expect(Self.lastTicks(store, cpu, 4) == [3, 4, 5, 6])
        #expect(Self.lastTicks(store, cpu, 6) == [nil, nil, 3, 4, 5, 6], "older than the ring holds: unknown")
        #expect(store.latest(cpu) == 6)
    }

    @Test func wrapsAroundManyTimesWithoutLosingOrder() {
        let store = SeriesStore(capacity: 100)
        for t in 0..<1_000 { store.append([Sample(cpu, Double(t))], at: Double(t)) }
        let values = Self.lastTicks(store, cpu, 100)
        #expect(values == (900..<1_000).map { Double($0) })
        #expect(store.range(cpu, from: 995, to: 2_000).map(\.value) == [995, 996, 997, 998, 999])
        #expect(store.range(cpu, from: 0, to: 899).isEmpty, "wrapped out of the ring")
    }

    @Test func aMissingTickIsAGapNotAnInterpolation() {
        let store = SeriesStore(capacity: 8)
        store.append([Sample(cpu, 1)], at: 1)
        store.append([], at: 2)
        store.append([], at: 3)
        store.append([Sample(cpu, 4)], at: 4)
        #expect(Self.lastTicks(store, cpu, 4) == [1, nil, nil, 4])
        store.append([], at: 5)
        #expect(store.latest(cpu) == nil)
        #expect(store.range(cpu, from: 0, to: 10).map(\.time) == [1, 4], "gaps are left out of a range")
    }

    @Test func aNonFiniteValueIsAGap() {
        let store = SeriesStore(capacity: 4)
        store.append([Sample(cpu, 1)], at: 1)
        store.append([Sample(cpu, .nan)], at: 2)
        store.append([Sample(cpu, .infinity)], at: 3)
        #expect(Self.lastTicks(store, cpu, 3) == [1, nil, nil])
    }

    @Test func gapsLongerThanTheRingClearIt() {
        let store = SeriesStore(capacity: 3)
        store.append([Sample(cpu, 1)], at: 0)
        for t in 1...10 { store.append([], at: Double(t)) }
        store.append([Sample(cpu, 2)], at: 11)
        #expect(Self.lastTicks(store, cpu, 3) == [nil, nil, 2])
    }

    @Test func countersAreNotStoredTheirRatesAre() {
        let store = SeriesStore(capacity: 2)
        store.append([Sample(SeriesKey("node_intr_total"), 5, .counter), Sample(SeriesKey("vitals_interrupts_per_second"), 7)], at: 1)
        #expect(store.seriesCount == 1)
        #expect(store.latest(SeriesKey("node_intr_total")) == nil)
        #expect(store.latest(SeriesKey("vitals_interrupts_per_second")) == 7)
    }

    @Test func aClockThatStepsBackStillMovesForward() {
        let store = SeriesStore(capacity: 4)
        store.append([Sample(cpu, 1)], at: 100)
        store.append([Sample(cpu, 2)], at: 50)
        #expect(store.latestTime == 100.001)
        #expect(store.range(cpu, from: 0, to: 200).map(\.value) == [1, 2])
    }

    @Test func labelQueriesMatchEqualAndNotEqual() {
        let store = SeriesStore(capacity: 2)
        let name = "vitals_network_receive_bytes_per_second"
        store.append(["lo", "eth0", "eth1"].map { Sample(SeriesKey(name, ["device": $0]), 1) } + [Sample(cpu, 0)], at: 1)
        #expect(store.keys(named: name).map { $0.label("device") } == ["eth0", "eth1", "lo"])
        #expect(store.keys(named: name, matching: [LabelMatcher("device", "eth1")]) == [SeriesKey(name, ["device": "eth1"])])
        #expect(store.keys(named: name, matching: [LabelMatcher("device", .notEqual, "lo")]).count == 2)
        #expect(store.keys(named: name, matching: [LabelMatcher("mountpoint", "/")]).isEmpty, "a missing label is empty")
    }

    @Test func readersGetCopies() {
        let store = SeriesStore(capacity: 3)
        store.append([Sample(cpu, 1)], at: 1)
        let before = Self.lastTicks(store, cpu, 1)
        store.append([Sample(cpu, 2)], at: 2)
        #expect(before == [1])
    }

    @Test func aFlatSeriesTakesNoBlocksAndAMovingOneDoes() {
        let store = SeriesStore(capacity: 640)
        let flat = SeriesKey("node_memory_MemTotal_bytes")
        for t in 0..<640 { store.append([Sample(flat, 8e9)], at: Double(t)) }
        #expect(store.blocksInUse == 0, "ten chunks of one value each")
        for t in 640..<704 { store.append([Sample(flat, 8e9), Sample(cpu, Double(t % 7))], at: Double(t)) }
        #expect(store.blocksInUse == 1, "one chunk of moving values")
        #expect(store.latest(flat) == 8e9)
    }

    @Test func theStoreRefusesSeriesBeyondItsLimitAndCountsThem() {
        let store = SeriesStore(retention: StoreRetention(rawSamples: 4, tiers: [], maxSeries: 2))
        store.append((0..<5).map { Sample(SeriesKey("x", ["n": String($0)]), 1) }, at: 1)
        #expect(store.seriesCount == 2)
        #expect(store.refusedSeries == 3)
    }

    @Test func aStaleHandleWritesNothing() throws {
        let store = SeriesStore(capacity: 2)
        let old = SeriesKey("vitals_network_receive_bytes_per_second", ["device": "veth1"])
        let handle = try #require(store.id(for: old))
        store.beginTick(at: 0)
        store.record(1, for: handle)
        // Long enough for the series to age out (checked every 64 ticks) and its room to be reused.
        for t in 1...128 { store.append([], at: Double(t)) }
        #expect(store.seriesCount == 0)
        let fresh = try #require(store.id(for: cpu))
        store.beginTick(at: 200)
        store.record(5, for: handle)
        store.record(9, for: fresh)
        #expect(store.latest(cpu) == 9)
        #expect(store.latest(old) == nil)
    }
}
