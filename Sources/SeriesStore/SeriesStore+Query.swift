import VitalsCore

extension SeriesStore {
    /// The value `key` recorded in the current tick, if it recorded one.
    public func latest(_ key: SeriesKey) -> Double? {
        guard let slot = slot(of: key), tickCount > 0 else { return nil }
        return histories[slot].rawValue(tick: tickCount - 1, retained: retention.rawSamples, pool: pool).map(Double.init)
    }

    /// Raw samples of `key` with `from <= time <= to`, oldest first; gaps are left out.
    public func range(_ key: SeriesKey, from: Double, to: Double) -> [(time: Double, value: Double)] {
        guard let slot = slot(of: key) else { return [] }
        var out: [(time: Double, value: Double)] = []
        var tick = firstTick(atOrAfter: from)
        while tick < tickCount, let t = time(ofTick: tick), t <= to {
            if let v = histories[slot].rawValue(tick: tick, retained: retention.rawSamples, pool: pool) {
                out.append((t, Double(v)))
            }
            tick += 1
        }
        return out
    }

    /// Every held key with this metric name whose labels satisfy all `matchers`, sorted.
    public func keys(named name: String, matching matchers: [LabelMatcher] = []) -> [SeriesKey] {
        guard let named = slotsByName[name] else { return [] }
        var out: [SeriesKey] = []
        out.reserveCapacity(named.count)
        for slot in named {
            guard let key = keysBySlot[Int(slot)], matchers.allSatisfy({ $0.matches(key) }) else { continue }
            out.append(key)
        }
        // One name: the order is the labels' (compared pair by pair, no text built).
        return out.sorted { a, b in
            a.labels.lexicographicallyPrecedes(b.labels) { ($0.name, $0.value) < ($1.name, $1.value) }
        }
    }

    /// Every series held, matching `matchers`: by name, then labels.
    public func allKeys(matching matchers: [LabelMatcher] = []) -> [SeriesKey] {
        slotsByName.keys.sorted().flatMap { keys(named: $0, matching: matchers) }
    }

    /// Exactly `points` points spanning `from...to` for a graph `points` cells wide. Each point
    /// summarises what fell into its stretch of time (min, max, mean); nil is a gap. Each point is
    /// read from the finest tier that still holds its time: raw ticks for the last hour, then
    /// 1-minute buckets, then 15-minute ones (with the defaults).
    public func window(_ key: SeriesKey, from: Double, to: Double, points: Int) -> [WindowPoint?] {
        guard points > 0 else { return [] }
        guard let slot = slot(of: key), to > from else { return Array(repeating: nil, count: points) }
        var acc = [BucketSummary](repeating: .empty, count: points)
        let step = (to - from) / Double(points)
        // Points whose middle the raw ring holds are read from it; older ones from the tiers.
        let rawStart = time(ofTick: oldestHeldTick) ?? .infinity
        let rawFirst = Self.firstPoint(atOrAfter: rawStart - step / 2, from: from, step: step, points: points)
        if rawFirst < points { accumulateRaw(slot: slot, from: from, step: step, firstPoint: rawFirst, to: to, into: &acc) }
        var end = rawFirst
        var k = 0
        while end > 0, k < retention.tiers.count {
            let tier = retention.tiers[k]
            // The oldest time tier k still holds; the coarsest tier takes whatever is left.
            // Without live ticks (history only, as after a restore) the series' own oldest bucket says.
            let held = histories[slot].tiers[k]
            let covered = if k == retention.tiers.count - 1 {
                -Double.infinity
            } else if currentBuckets[k] != Int.min {
                Double(currentBuckets[k] - tier.buckets + 1) * tier.width
            } else {
                held.newest == Int.min ? Double.infinity : Double(held.oldestHeld) * tier.width
            }
            let first = min(end, Self.firstPoint(atOrAfter: covered, from: from, step: step, points: points))
            if first < end {
                accumulateTier(slot: slot, tier: k, from: from, step: step, points: first..<end, to: to, into: &acc)
            }
            end = first
            k += 1
        }
        return acc.map { $0.isEmpty ? nil : WindowPoint($0) }
    }

    /// The first point whose start is at or after `time`, within 0...points (infinities included).
    static func firstPoint(atOrAfter time: Double, from: Double, step: Double, points: Int) -> Int {
        let index = ((time - from) / step).rounded(.up)
        guard index > 0 else { return 0 }
        return index >= Double(points) ? points : Int(index)
    }

    private func accumulateRaw(slot: Int, from: Double, step: Double, firstPoint: Int, to: Double, into acc: inout [BucketSummary]) {
        let last = acc.count - 1
        let history = histories[slot]
        guard history.firstTick >= 0 else { return }
        let lo = max(firstTick(atOrAfter: from + Double(firstPoint) * step), history.firstTick, history.lastTick - retention.rawSamples + 1)
        let hi = min(tickCount - 1, history.lastTick)
        guard lo <= hi else { return }
        // The tick times' ring advances by one slot per tick: no division in the loop.
        let timeCapacity = retention.rawSamples
        var timeSlot = lo % timeCapacity
        for tick in lo...hi {
            let t = tickTimes[timeSlot]
            if t > to { break }
            let v = history.raw.read(tick, pool: pool)
            if !v.isNaN { acc[min(last, max(firstPoint, Int((t - from) / step)))].add(Double(v)) }
            timeSlot += 1
            if timeSlot == timeCapacity { timeSlot = 0 }
        }
    }

    private func accumulateTier(
        slot: Int, tier k: Int, from: Double, step: Double, points: Range<Int>, to: Double, into acc: inout [BucketSummary]
    ) {
        let width = retention.tiers[k].width
        let tier = histories[slot].tiers[k]
        // The bucket this run's first tick fell in holds only this run's samples unless it was
        // restored: it must not paint the seconds before the run began.
        let liveStart = firstTickTime ?? .infinity
        let liveBucket = liveStart.isFinite ? Self.bucket(liveStart, width: width) : Int.min
        let liveOnly = liveBucket != Int.min && liveBucket > tier.restoredThrough
        for p in points {
            let start = from + Double(p) * step
            let end = min(to, start + step)
            let first = Self.bucket(start, width: width)
            // A bucket that starts exactly at `end` belongs to the next point.
            var lastBucket = Self.bucket(end, width: width)
            if Double(lastBucket) * width >= end, lastBucket > first { lastBucket -= 1 }
            if liveOnly, end <= liveStart, lastBucket >= liveBucket {
                lastBucket = liveBucket - 1
                if lastBucket < first { continue }
            }
            acc[p].merge(tier.summarize(first, lastBucket, pool: pool))
        }
    }

    /// The first held tick stamped at or after `time` (binary search; tick times only grow).
    func firstTick(atOrAfter time: Double) -> Int {
        var low = oldestHeldTick
        var high = tickCount
        while low < high {
            let mid = (low + high) / 2
            if let t = self.time(ofTick: mid), t < time { low = mid + 1 } else { high = mid }
        }
        return low
    }
}

extension SeriesStore {
    /// The time of the oldest tick the raw tier still holds (nil before the first tick).
    public var oldestRawTime: Double? { time(ofTick: oldestHeldTick) }
}
