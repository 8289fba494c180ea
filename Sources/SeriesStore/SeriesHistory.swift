/// Everything the store keeps for one series: its raw values (one per store tick, by tick number)
/// and its coarse tiers.
struct SeriesHistory {
    var raw: FloatColumns
    /// First and newest tick this series wrote, or -1.
    var firstTick = -1
    var lastTick = -1
    var tiers: [TierHistory]

    init(retention: StoreRetention) {
        raw = FloatColumns(span: retention.rawSamples)
        tiers = retention.tiers.map { TierHistory(buckets: $0.buckets) }
    }

    /// Records `value` at `tick`; ticks this series missed since its last write become gaps.
    @inline(__always)
    mutating func writeRaw(_ value: Float, tick: Int, pool: BlockPool) {
        if lastTick >= 0, tick - lastTick > 1 {
            if tick - lastTick - 1 >= raw.span {
                raw.reset(pool: pool)
            } else {
                for t in (lastTick + 1)..<tick { raw.write(.nan, at: t, pool: pool) }
            }
        }
        raw.write(value, at: tick, pool: pool)
        if firstTick < 0 { firstTick = tick }
        lastTick = tick
    }

    /// The raw value at `tick`, or nil for a gap or a tick outside what is held.
    @inline(__always)
    func rawValue(tick: Int, retained: Int, pool: BlockPool) -> Float? {
        guard firstTick >= 0, tick >= firstTick, tick <= lastTick, lastTick - tick < retained else { return nil }
        let v = raw.read(tick, pool: pool)
        return v.isNaN ? nil : v
    }

    mutating func release(pool: BlockPool) {
        raw.reset(pool: pool)
        for k in tiers.indices { tiers[k].release(pool: pool) }
    }

    var directoryBytes: Int {
        raw.directoryBytes + tiers.reduce(0) { $0 + $1.directoryBytes } + tiers.count * MemoryLayout<TierHistory>.stride
    }
}
