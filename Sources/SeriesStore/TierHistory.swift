/// One series' buckets in one coarse tier: four columns (min, max, sum, count) in a ring of
/// `buckets` slots, plus the open bucket still being filled.
struct TierHistory {
    private var minimum: FloatColumn
    private var maximum: FloatColumn
    private var sum: FloatColumn
    private var count: FloatColumn
    let buckets: Int
    /// The bucket being filled now (not yet in the columns).
    private(set) var open = BucketSummary.empty
    private(set) var openBucket = Int.min
    /// Newest bucket written to the columns, and the oldest ever written.
    private(set) var lastWritten = Int.min
    private(set) var firstWritten = Int.min
    /// Newest bucket handed to the history file.
    var persistedThrough = Int.min
    /// Newest bucket read back from the history file (it holds samples from before this run).
    var restoredThrough = Int.min
    /// While older history is filled in behind newer: the oldest bucket held before it began.
    private var backfillCeiling: Int?

    init(buckets: Int) {
        self.buckets = buckets
        minimum = FloatColumn(capacity: buckets)
        maximum = FloatColumn(capacity: buckets)
        sum = FloatColumn(capacity: buckets)
        count = FloatColumn(capacity: buckets)
    }

    /// Adds a value to `bucket`, closing the open bucket first when this one is newer.
    @inline(__always)
    mutating func add(_ value: Double, bucket: Int, pool: BlockPool) {
        if bucket != openBucket { open(bucket, pool: pool) }
        open.add(value)
    }

    private mutating func open(_ bucket: Int, pool: BlockPool) {
        flush(pool: pool)
        openBucket = Int.min
        open = .empty
        if bucket == lastWritten {
            // Restored from the history file and still current: go on filling it.
            open = stored(bucket, pool: pool)
            lastWritten = bucket - 1
            persistedThrough = min(persistedThrough, bucket - 1)
            if firstWritten == bucket { firstWritten = Int.min; lastWritten = Int.min }
        }
        openBucket = bucket
    }

    /// Writes the open bucket into the columns.
    mutating func flush(pool: BlockPool) {
        guard openBucket != Int.min, open.count > 0 else { return }
        write(open, bucket: openBucket, pool: pool)
        open = .empty
    }

    /// Writes a whole bucket (from the open one or the history file); buckets only move forward.
    mutating func write(_ summary: BucketSummary, bucket: Int, pool: BlockPool) {
        guard bucket > lastWritten || lastWritten == Int.min else { return }
        let capacity = minimum.capacity
        if lastWritten != Int.min {
            let skipped = bucket - lastWritten - 1
            if skipped >= capacity {
                release(pool: pool)
            } else if skipped > 0 {
                for b in (lastWritten + 1)..<bucket { writeSlot(.empty, slot: b % capacity, pool: pool) }
            }
        } else {
            firstWritten = bucket
        }
        writeSlot(summary, slot: bucket % capacity, pool: pool)
        lastWritten = bucket
    }

    /// Fills in a bucket older than those held (the history file's second pass, after the recent
    /// buckets and live ticks). Only below the oldest bucket held when filling began, and only
    /// within the ring; anything else is ignored.
    mutating func backfill(_ summary: BucketSummary, bucket: Int, pool: BlockPool) {
        guard lastWritten != Int.min else { return }
        let ceiling = backfillCeiling ?? firstWritten
        backfillCeiling = ceiling
        guard bucket < ceiling, bucket > lastWritten - buckets else { return }
        let slot = bucket % minimum.capacity
        let empty = summary.count == 0
        minimum.set(empty ? .nan : Float(summary.min), at: slot, pool: pool)
        maximum.set(empty ? .nan : Float(summary.max), at: slot, pool: pool)
        sum.set(empty ? .nan : Float(summary.sum), at: slot, pool: pool)
        count.set(Float(summary.count), at: slot, pool: pool)
        firstWritten = Swift.min(firstWritten, bucket)
        persistedThrough = Swift.max(persistedThrough, bucket)
        restoredThrough = Swift.max(restoredThrough, bucket)
    }

    private mutating func writeSlot(_ s: BucketSummary, slot: Int, pool: BlockPool) {
        let empty = s.count == 0
        minimum.write(empty ? .nan : Float(s.min), at: slot, pool: pool)
        maximum.write(empty ? .nan : Float(s.max), at: slot, pool: pool)
        sum.write(empty ? .nan : Float(s.sum), at: slot, pool: pool)
        count.write(Float(s.count), at: slot, pool: pool)
    }

    /// The oldest bucket number still held in the columns.
    var oldestHeld: Int {
        guard lastWritten != Int.min else { return openBucket }
        return Swift.max(firstWritten, lastWritten - buckets + 1)
    }

    /// The newest bucket with data (open or written), or Int.min.
    var newest: Int { open.count > 0 ? openBucket : lastWritten }

    /// What the tier holds for `bucket` (empty for a gap or a bucket outside the ring).
    func stored(_ bucket: Int, pool: BlockPool) -> BucketSummary {
        if bucket == openBucket { return open }
        guard lastWritten != Int.min, bucket <= lastWritten, bucket >= oldestHeld else { return .empty }
        let slot = bucket % minimum.capacity
        let n = count.read(slot, pool: pool)
        guard n > 0 else { return .empty }
        return BucketSummary(
            min: Double(minimum.read(slot, pool: pool)), max: Double(maximum.read(slot, pool: pool)),
            sum: Double(sum.read(slot, pool: pool)), count: Int(n)
        )
    }

    /// Everything held for buckets `first...last` merged into one summary (the window query's loop:
    /// slots advance without a division per bucket, and empty buckets cost one read).
    func summarize(_ first: Int, _ last: Int, pool: BlockPool) -> BucketSummary {
        var acc = BucketSummary.empty
        if lastWritten != Int.min {
            let lo = Swift.max(first, oldestHeld)
            let hi = Swift.min(last, lastWritten)
            if lo <= hi {
                let capacity = minimum.capacity
                var slot = lo % capacity
                for _ in lo...hi {
                    let n = count.read(slot, pool: pool)
                    if n > 0 {
                        acc.merge(BucketSummary(
                            min: Double(minimum.read(slot, pool: pool)), max: Double(maximum.read(slot, pool: pool)),
                            sum: Double(sum.read(slot, pool: pool)), count: Int(n)
                        ))
                    }
                    slot += 1
                    if slot == capacity { slot = 0 }
                }
            }
        }
        if openBucket != Int.min, openBucket >= first, openBucket <= last { acc.merge(open) }
        return acc
    }

    /// Closed buckets not yet handed to the history file, oldest first; marks them handed over.
    mutating func takeUnpersisted(pool: BlockPool, into out: (Int, BucketSummary) -> Void) {
        guard lastWritten != Int.min else { return }
        let from = Swift.max(oldestHeld, persistedThrough == Int.min ? Int.min : persistedThrough + 1)
        if from <= lastWritten {
            for b in from...lastWritten {
                let s = stored(b, pool: pool)
                if s.count > 0 { out(b, s) }
            }
        }
        persistedThrough = lastWritten
    }

    /// Every slot back to a gap, blocks returned to the pool.
    mutating func release(pool: BlockPool) {
        minimum.reset(pool: pool)
        maximum.reset(pool: pool)
        sum.reset(pool: pool)
        count.reset(to: 0, pool: pool)
    }

    var directoryBytes: Int {
        minimum.directoryBytes + maximum.directoryBytes + sum.directoryBytes + count.directoryBytes
    }
}
