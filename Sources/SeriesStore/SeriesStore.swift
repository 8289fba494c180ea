import VitalsCore

/// Fixed-memory history: per series a raw ring (one value per tick) and coarse tiers of
/// min/max/sum/count buckets; see `StoreRetention` for the sizes.
///
/// - Values are held as `Float` (4 bytes); a 64-slot chunk that holds one value throughout takes no
///   block at all, so flat series cost almost nothing. Counters are not stored: their rates are.
/// - A tick a series missed is an explicit gap. Times come from the caller (an injected clock), and
///   only move forward: a tick stamped earlier than the last one is stored 1 ms after it.
/// - Once the store has met its peak it allocates nothing per append: blocks are recycled.
/// - A series with nothing left in any tier is dropped and its room reused (interfaces, mounts and
///   containers come and go without leaking).
/// - Readers get copies (`window`, `range`, `latest`), never references into the rings.
///
/// Not thread-safe: one thread owns a store.
public final class SeriesStore {
    public let retention: StoreRetention
    let pool = BlockPool()
    private var slots: [SeriesKey: Int32] = [:]
    private(set) var keysBySlot: [SeriesKey?] = []
    /// Slots by metric name, for label queries (alert rules ask every tick).
    private(set) var slotsByName: [String: [Int32]] = [:]
    /// Per-access exclusivity checks skipped on the hot arrays: a store has one owner thread and no
    /// access to them nests inside another (each is a plain read or a single in-place write).
    @exclusivity(unchecked) var histories: [SeriesHistory] = []
    private(set) var generations: [UInt32] = []
    private var freeSlots: [Int32] = []
    /// Time of each tick held in the raw rings.
    @exclusivity(unchecked) var tickTimes: [Double]
    /// Ticks begun so far; the current tick is `tickCount - 1`.
    public private(set) var tickCount = 0
    /// Bucket number of the current tick in each tier.
    private(set) var currentBuckets: [Int]
    /// Time of the current tick, and of this store's first.
    public private(set) var latestTime: Double?
    public private(set) var firstTickTime: Double?
    /// New series refused because the store already held `maxSeries`.
    public private(set) var refusedSeries = 0
    /// Series dropped because nothing of them was left.
    public private(set) var droppedSeries = 0
    private var keyBytes = 0

    public init(retention: StoreRetention) {
        self.retention = retention
        tickTimes = Array(repeating: 0, count: retention.rawSamples)
        currentBuckets = Array(repeating: Int.min, count: retention.tiers.count)
    }

    /// A raw-only store of `capacity` ticks (tests and tools).
    public convenience init(capacity: Int) {
        self.init(retention: StoreRetention(rawSamples: capacity, tiers: []))
    }

    public var seriesCount: Int { slots.count }

    // MARK: Writing

    /// Starts a tick at `time` (seconds since the epoch). Values recorded until the next call belong to it.
    public func beginTick(at time: Double) {
        var t = max(0, time.isFinite ? time : 0)
        if let last = latestTime, t <= last { t = last + 0.001 }
        latestTime = t
        if firstTickTime == nil { firstTickTime = t }
        tickTimes[tickCount % retention.rawSamples] = t
        tickCount += 1
        for (k, tier) in retention.tiers.enumerated() { currentBuckets[k] = Self.bucket(t, width: tier.width) }
        if tickCount % 64 == 0 { dropExpired() }
    }

    /// The handle for `key`, creating the series if needed; nil when the store is full.
    public func id(for key: SeriesKey) -> SeriesID? {
        if let slot = slots[key] { return SeriesID(slot: slot, generation: generations[Int(slot)]) }
        guard slots.count < retention.maxSeries else {
            refusedSeries += 1
            return nil
        }
        let slot: Int32
        if let reused = freeSlots.popLast() {
            slot = reused
            keysBySlot[Int(slot)] = key
        } else {
            slot = Int32(histories.count)
            histories.append(SeriesHistory(retention: retention))
            keysBySlot.append(key)
            generations.append(0)
        }
        slots[key] = slot
        slotsByName[key.name, default: []].append(slot)
        keyBytes += Self.bytes(of: key)
        return SeriesID(slot: slot, generation: generations[Int(slot)])
    }

    /// Records `value` for the current tick. A value that is not finite is a gap.
    @inline(__always)
    public func record(_ value: Double, for id: SeriesID) {
        let slot = Int(id.slot)
        guard tickCount > 0, slot < generations.count, generations[slot] == id.generation else { return }
        let tick = tickCount - 1
        guard value.isFinite else {
            histories[slot].writeRaw(.nan, tick: tick, pool: pool)
            return
        }
        histories[slot].writeRaw(Float(value), tick: tick, pool: pool)
        for k in currentBuckets.indices {
            histories[slot].tiers[k].add(value, bucket: currentBuckets[k], pool: pool)
        }
    }

    /// One tick from a snapshot's samples: gauges are recorded, counters skipped (their rates are gauges).
    public func append(_ samples: [Sample], at time: Double) {
        beginTick(at: time)
        for sample in samples where sample.kind == .gauge {
            if let id = id(for: sample.key) { record(sample.value, for: id) }
        }
    }

    // MARK: Ageing out

    private func dropExpired() {
        let newestTick = tickCount - 1
        for slot in histories.indices {
            guard let key = keysBySlot[slot] else { continue }
            let h = histories[slot]
            if h.lastTick >= 0, newestTick - h.lastTick < retention.rawSamples { continue }
            var held = false
            for (k, tier) in retention.tiers.enumerated() where h.tiers[k].newest != Int.min {
                if h.tiers[k].newest > currentBuckets[k] - tier.buckets { held = true }
            }
            if held { continue }
            histories[slot].release(pool: pool)
            histories[slot] = SeriesHistory(retention: retention)
            keysBySlot[slot] = nil
            slots[key] = nil
            slotsByName[key.name]?.removeAll { $0 == Int32(slot) }
            if slotsByName[key.name]?.isEmpty == true { slotsByName[key.name] = nil }
            keyBytes -= Self.bytes(of: key)
            generations[slot] &+= 1
            freeSlots.append(Int32(slot))
            droppedSeries += 1
        }
    }

    // MARK: Accounting

    /// Bytes held for history: blocks, chunk directories, tick times, keys and bookkeeping.
    /// Reported as `vitals_store_bytes`; it stops growing once the store has met its peak.
    ///
    /// Counted from element counts, not array capacities: a capacity includes whatever slack malloc
    /// handed back for that size (which depends on the heap's history), and the figure would jitter
    /// by a few bytes between runs that stored exactly the same.
    public var byteCount: Int {
        let perSlot = MemoryLayout<SeriesHistory>.stride + MemoryLayout<SeriesKey?>.stride + 4 + 4
        return pool.byteCount
            + histories.reduce(0) { $0 + $1.directoryBytes } + histories.count * perSlot
            + tickTimes.count * MemoryLayout<Double>.stride
            + keyBytes + slots.count * (MemoryLayout<SeriesKey>.stride + 4)
    }

    /// Values held (raw and buckets' four numbers) per byte of block storage is what the chunking buys;
    /// this is the number of 64-value blocks in use, for benchmarks.
    public var blocksInUse: Int { pool.blocksInUse }

    static func bytes(of key: SeriesKey) -> Int {
        key.name.utf8.count + key.labels.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 32 } + 16
    }

    @inline(__always)
    static func bucket(_ time: Double, width: Double) -> Int {
        Int((time / width).rounded(.down))
    }

    // MARK: Shared with the query and persistence extensions

    func slot(of key: SeriesKey) -> Int? {
        slots[key].map(Int.init)
    }

    /// The time of `tick`, if still held.
    func time(ofTick tick: Int) -> Double? {
        guard tick >= oldestHeldTick, tick < tickCount else { return nil }
        return tickTimes[tick % retention.rawSamples]
    }

    var oldestHeldTick: Int { max(0, tickCount - retention.rawSamples) }
}
