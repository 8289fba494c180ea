import SeriesStore
import Testing
import VitalsCore

/// Coarse tiers: roll-up across bucket edges, reading the finest tier, spikes, persistence hand-off,
/// ageing out, and memory that stops growing. Times are injected.
@Suite struct TierTests {
    let key = SeriesKey("node_load1")

    /// Raw ring of 10 ticks, then 10-second and 100-second buckets (10 each).
    static func small() -> SeriesStore {
        SeriesStore(retention: StoreRetention(rawSamples: 10, tiers: [.init(width: 10, buckets: 10), .init(width: 100, buckets: 10)]))
    }

    @Test func bucketsKeepMinMaxSumAndCountAcrossEdges() {
        let store = Self.small()
        // t = 5...24: bucket 0 gets 5...9, bucket 1 gets 10...19, bucket 2 (open) gets 20...24.
        for t in 5...24 { store.append([Sample(key, Double(t))], at: Double(t)) }
        let buckets = store.takeUnpersisted(includeOpen: true).filter { $0.tier == 0 }
        #expect(buckets.map(\.bucket) == [0, 1, 2])
        #expect(buckets[0].summary == BucketSummary(min: 5, max: 9, sum: 35, count: 5))
        #expect(buckets[1].summary == BucketSummary(min: 10, max: 19, sum: 145, count: 10))
        #expect(buckets[2].summary == BucketSummary(min: 20, max: 24, sum: 110, count: 5), "the open bucket")
        let coarse = store.takeUnpersisted(includeOpen: true).filter { $0.tier == 1 }
        #expect(coarse.map(\.summary) == [BucketSummary(min: 5, max: 24, sum: 290, count: 20)])
    }

    @Test func closedBucketsAreHandedOverOnce() {
        let store = Self.small()
        for t in 0..<25 { store.append([Sample(key, 1)], at: Double(t)) }
        #expect(store.takeUnpersisted().filter { $0.tier == 0 }.map(\.bucket) == [0, 1])
        #expect(store.takeUnpersisted().isEmpty)
        for t in 25..<35 { store.append([Sample(key, 1)], at: Double(t)) }
        #expect(store.takeUnpersisted().map(\.bucket) == [2])
    }

    @Test func aWindowReadsRawWhereHeldAndBucketsBefore() {
        let store = Self.small()
        for t in 0..<60 { store.append([Sample(key, Double(t))], at: Double(t)) }
        // 60 points of one second over 0..<60: the raw ring holds 50...59; earlier points come
        // from 10-second buckets, so each of them shows its bucket's mean.
        let points = store.window(key, from: 0, to: 60, points: 60)
        #expect(points.count == 60)
        #expect(points[50...].map { $0?.mean } == (50..<60).map { Double($0) })
        #expect(points[0]?.mean == 4.5 && points[9]?.mean == 4.5)
        #expect(points[0]?.min == 0 && points[0]?.max == 9)
        #expect(points[49]?.mean == 44.5)
    }

    @Test func zoomedOutTheSpikeSurvivesInMax() {
        let store = Self.small()
        for t in 0..<1_000 { store.append([Sample(key, t == 437 ? 90 : 1)], at: Double(t)) }
        // 10 points over 1,000 s: points older than the raw ring come from the tiers.
        let points = store.window(key, from: 0, to: 1_000, points: 10)
        #expect(points[4]?.max == 90, "the spike at t=437")
        #expect(points[4]!.mean < 2, "the mean hides it")
        #expect(points.filter { $0?.max == 90 }.count == 1)
    }

    @Test func aWindowOverAGapHasNilPoints() {
        let store = Self.small()
        for t in 0..<30 { store.append([Sample(key, 1)], at: Double(t)) }
        for t in 30..<60 { store.append([], at: Double(t)) }
        for t in 60..<70 { store.append([Sample(key, 2)], at: Double(t)) }
        let points = store.window(key, from: 0, to: 70, points: 7)
        #expect(points.map { $0?.mean } == [1, 1, 1, nil, nil, nil, 2])
    }

    @Test func theWindowAlwaysHasTheRequestedPoints() {
        let store = Self.small()
        #expect(store.window(key, from: 0, to: 10, points: 200).count == 200)
        for t in 0..<5 { store.append([Sample(key, 1)], at: Double(t)) }
        #expect(store.window(key, from: 0, to: 1e7, points: 200).count == 200)
        #expect(store.window(key, from: 10, to: 0, points: 3) == [nil, nil, nil])
    }

    @Test func restoredBucketsReadBackAndTheCurrentOneKeepsFilling() {
        let first = Self.small()
        for t in 0..<45 { first.append([Sample(key, Double(t % 10))], at: Double(t)) }
        let saved = first.takeUnpersisted(includeOpen: true)
        let second = Self.small()
        second.restore(saved)
        #expect(second.window(key, from: 0, to: 40, points: 4).map { $0?.mean } == [4.5, 4.5, 4.5, 4.5])
        // The restart lands in bucket 4 (40...49), which held 40...44: it keeps filling.
        for t in 45..<50 { second.append([Sample(key, Double(t % 10))], at: Double(t)) }
        for t in 50..<51 { second.append([Sample(key, 0)], at: Double(t)) }
        let bucket4 = second.takeUnpersisted().first { $0.tier == 0 && $0.bucket == 4 }
        #expect(bucket4?.summary == BucketSummary(min: 0, max: 9, sum: 45, count: 10))
    }

    @Test func aSeriesThatStopsIsDroppedAfterItsLongestRetention() {
        let store = Self.small()
        let veth = SeriesKey("vitals_network_receive_bytes_per_second", ["device": "veth9"])
        for t in 0..<20 { store.append([Sample(veth, 1), Sample(key, 1)], at: Double(t)) }
        // The coarsest tier holds 10 buckets of 100 s: the series outlives 999 s of silence…
        for t in 20..<900 { store.append([Sample(key, 1)], at: Double(t)) }
        #expect(store.keys(named: veth.name).count == 1)
        // …and is gone once nothing of it is left in any tier.
        for t in 900..<1_300 { store.append([Sample(key, 1)], at: Double(t)) }
        #expect(store.keys(named: veth.name).isEmpty)
        #expect(store.droppedSeries == 1)
    }

    @Test func memoryStopsGrowingOver100kTicksWithSeriesComingAndGoing() {
        // Default retention, a tick every 60 s so 100,000 ticks cover 69 days: every tier is full
        // by the first half (30 days). 20 steady series plus interfaces that appear and vanish
        // every 2,000 ticks (each one kept for the 30 days its buckets last, then dropped).
        let store = SeriesStore(retention: .standard(interval: 1))
        let steady = (0..<20).map { SeriesKey("steady", ["n": String($0)]) }
        var peakFirstHalf = 0
        var peakSecondHalf = 0
        var samples: [Sample] = []
        for tick in 0..<100_000 {
            samples.removeAll(keepingCapacity: true)
            for (i, k) in steady.enumerated() { samples.append(Sample(k, Double((tick &* 31 &+ i) % 97))) }
            // Names of one length (veth100…veth149): key bytes are counted, and must not vary here.
            samples.append(Sample(SeriesKey("veth", ["device": "veth\(100 + tick / 2_000)"]), Double(tick % 13)))
            store.append(samples, at: Double(tick) * 60)
            // Every tick: a directory holds one chunk more while its span straddles a chunk's edge.
            if tick < 50_000 { peakFirstHalf = max(peakFirstHalf, store.byteCount) } else { peakSecondHalf = max(peakSecondHalf, store.byteCount) }
        }
        #expect(peakSecondHalf <= peakFirstHalf, "bytes: first half \(peakFirstHalf), second half \(peakSecondHalf)")
        #expect(store.seriesCount < 60, "old interfaces aged out: \(store.seriesCount)")
    }
}

@Suite struct LiveStartTests {
    let key = SeriesKey("node_load1")

    @Test func theFirstBucketOfARunDoesNotPaintTheTimeBeforeIt() {
        let store = TierTests.small()
        // The run starts at t=105, inside bucket 10 (100...109); 3 ticks, all in the raw ring.
        for t in 105..<108 { store.append([Sample(key, 1)], at: Double(t)) }
        let points = store.window(key, from: 100, to: 108, points: 8)
        #expect(points.map { $0 != nil } == [false, false, false, false, false, true, true, true])
    }

    @Test func aRestoredBucketDoesPaintItsTime() {
        let first = TierTests.small()
        for t in 100..<104 { first.append([Sample(key, 2)], at: Double(t)) }
        let second = TierTests.small()
        second.restore(first.takeUnpersisted(includeOpen: true))
        for t in 106..<108 { second.append([Sample(key, 2)], at: Double(t)) }
        let points = second.window(key, from: 100, to: 108, points: 8)
        #expect(points.map { $0 != nil } == Array(repeating: true, count: 8), "bucket 10 held samples from before this run")
    }
}

@Suite struct BackfillTests {
    let key = SeriesKey("node_load1")

    @Test func olderBucketsFillInBehindNewerOnesAndLiveTicks() {
        let first = TierTests.small()
        for t in 0..<95 { first.append([Sample(key, Double(t / 10))], at: Double(t)) }
        let saved = first.takeUnpersisted(includeOpen: true).filter { $0.tier == 0 }
        // A restart at t=95: the newest buckets first, live ticks, then the older ones.
        let second = TierTests.small()
        second.restore(saved.filter { $0.bucket >= 7 })
        for t in 95..<100 { second.append([Sample(key, 9)], at: Double(t)) }
        second.restore(saved.filter { $0.bucket < 7 })
        let means = second.window(key, from: 0, to: 100, points: 10).map { $0?.mean }
        #expect(means == [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], "\(means)")
        #expect(second.takeUnpersisted().filter { $0.tier == 0 && $0.bucket < 7 }.isEmpty, "filled-in buckets are already on disk")
    }

    @Test func aFilledInBucketNeverOverwritesOneHeld() {
        let store = TierTests.small()
        store.restore([PersistedBucket(key: key, tier: 0, bucket: 5, summary: BucketSummary(min: 1, max: 1, sum: 1, count: 1))])
        store.restore([PersistedBucket(key: key, tier: 0, bucket: 5, summary: BucketSummary(min: 9, max: 9, sum: 9, count: 1))])
        store.restore([PersistedBucket(key: key, tier: 0, bucket: 4, summary: BucketSummary(min: 2, max: 2, sum: 2, count: 1))])
        let points = store.window(key, from: 40, to: 60, points: 2)
        #expect(points.map { $0?.mean } == [2, 1])
    }
}
