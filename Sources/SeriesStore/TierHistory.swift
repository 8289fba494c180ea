/// One series' buckets in one coarse tier: four columns (min, max, sum, count) holding the newest
/// `buckets` buckets by bucket number, plus the open bucket still being filled.
struct TierHistory {
    private var columns: FloatColumns
    private static let minimum = 0, maximum = 1, sum = 2, count = 3
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
        columns = FloatColumns(span: buckets, columns: 4)
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
        if lastWritten != Int.min {
            let skipped = bucket - lastWritten - 1
            if skipped >= buckets {
                release(pool: pool)
            } else if skipped > 0 {
                for b in (lastWritten + 1)..<bucket { writeBucket(.empty, bucket: b, pool: pool) }
            }
        } else {
            firstWritten = bucket
        }
        writeBucket(summary, bucket: bucket, pool: pool)
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
        let empty = summary.count == 0
        columns.set(empty ? .nan : Float(summary.min), at: bucket, column: Self.minimum, pool: pool)
        columns.set(empty ? .nan : Float(summary.max), at: bucket, column: Self.maximum, pool: pool)
        columns.set(empty ? .nan : Float(summary.sum), at: bucket, column: Self.sum, pool: pool)
        columns.set(Float(summary.count), at: bucket, column: Self.count, pool: pool)
        firstWritten = Swift.min(firstWritten, bucket)
        persistedThrough = Swift.max(persistedThrough, bucket)
        restoredThrough = Swift.max(restoredThrough, bucket)
    }

    private mutating func writeBucket(_ s: BucketSummary, bucket: Int, pool: BlockPool) {
        let empty = s.count == 0
        columns.write(empty ? .nan : Float(s.min), at: bucket, column: Self.minimum, pool: pool)
        columns.write(empty ? .nan : Float(s.max), at: bucket, column: Self.maximum, pool: pool)
        columns.write(empty ? .nan : Float(s.sum), at: bucket, column: Self.sum, pool: pool)
        columns.write(Float(s.count), at: bucket, column: Self.count, pool: pool)
    }

    /// The bucket as held in the columns (the caller has checked it is within them).
    @inline(__always)
    private func held(_ bucket: Int, pool: BlockPool) -> BucketSummary {
        let n = columns.read(bucket, column: Self.count, pool: pool)
        guard n > 0 else { return .empty }
        return BucketSummary(
            min: Double(columns.read(bucket, column: Self.minimum, pool: pool)),
            max: Double(columns.read(bucket, column: Self.maximum, pool: pool)),
            sum: Double(columns.read(bucket, column: Self.sum, pool: pool)), count: Int(n)
        )
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
        return held(bucket, pool: pool)
    }

    /// Everything held for buckets `first...last` merged into one summary (the window query's loop:
    /// empty buckets cost one read).
    func summarize(_ first: Int, _ last: Int, pool: BlockPool) -> BucketSummary {
        var acc = BucketSummary.empty
        if lastWritten != Int.min {
            let lo = Swift.max(first, oldestHeld)
            let hi = Swift.min(last, lastWritten)
            if lo <= hi {
                for bucket in lo...hi { acc.merge(held(bucket, pool: pool)) }
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

    /// Every bucket back to a gap, blocks returned to the pool.
    mutating func release(pool: BlockPool) {
        columns.reset(pool: pool)
    }

    var directoryBytes: Int { columns.directoryBytes }
}
