import VitalsCore

/// Fixed-capacity history: one ring of `capacity` slots per series, one slot per tick.
///
/// Gauges and rates are stored (counters arrive as derived rates). A series missing from a tick gets
/// an explicit gap, so graphs show a hole instead of a lie. Appending allocates only when a series is
/// seen for the first time; readers get copies, never references into the rings.
public final class SeriesStore {
    public let capacity: Int
    private var slots: [SeriesKey: Int] = [:]
    private var rings: [Ring] = []
    /// Number of ticks appended so far.
    public private(set) var tickCount = 0

    public init(capacity: Int) {
        precondition(capacity > 0, "a store needs at least one slot per series")
        self.capacity = capacity
    }

    /// Records one tick: every gauge sample is written; counters are skipped (store their rates).
    public func append(_ samples: [Sample]) {
        let tick = tickCount
        tickCount += 1
        for sample in samples where sample.kind == .gauge {
            let slot: Int
            if let existing = slots[sample.key] {
                slot = existing
            } else {
                slot = rings.count
                slots[sample.key] = slot
                rings.append(Ring(capacity: capacity))
            }
            rings[slot].write(Float(sample.value), tick: tick)
        }
    }

    /// The last `count` values of `key`, oldest first; nil marks a gap or a tick before history began.
    public func values(_ key: SeriesKey, last count: Int) -> [Double?] {
        guard let slot = slots[key] else { return Array(repeating: nil, count: count) }
        return rings[slot].values(last: count, endingAt: tickCount - 1)
    }

    /// The latest value of `key`, if this tick recorded one.
    public func latest(_ key: SeriesKey) -> Double? {
        values(key, last: 1)[0]
    }

    /// Every stored key with this metric name whose labels include `matching`.
    public func keys(named name: String, matching labels: [SeriesKey.Label] = []) -> [SeriesKey] {
        slots.keys.filter { key in
            key.name == name && labels.allSatisfy { key.label($0.name) == $0.value }
        }.sorted()
    }

    public var seriesCount: Int { rings.count }

    /// Bytes held by sample storage (the rings), the figure reported as `vitals_store_bytes`.
    public var byteCount: Int { rings.count * capacity * MemoryLayout<Float>.stride }
}

/// One series' slots; a NaN slot is a gap.
struct Ring {
    private var slots: [Float]
    /// Tick number of the newest written slot, or -1.
    private var lastTick = -1

    init(capacity: Int) {
        slots = Array(repeating: .nan, count: capacity)
    }

    mutating func write(_ value: Float, tick: Int) {
        let capacity = slots.count
        if lastTick >= 0, tick - lastTick > 1 {
            // Mark the skipped ticks as gaps (all of them, at most one lap of the ring).
            for t in (lastTick + 1)..<min(tick, lastTick + 1 + capacity) { slots[t % capacity] = .nan }
        }
        slots[tick % capacity] = value
        lastTick = tick
    }

    func values(last count: Int, endingAt newest: Int) -> [Double?] {
        let capacity = slots.count
        var out = [Double?](repeating: nil, count: count)
        for i in 0..<count {
            let tick = newest - (count - 1 - i)
            guard tick >= 0, tick <= lastTick, lastTick - tick < capacity else { continue }
            let v = slots[tick % capacity]
            if !v.isNaN { out[i] = Double(v) }
        }
        return out
    }
}
