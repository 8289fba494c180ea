import SeriesStore
import VitalsCore

/// Buckets read back from the history file, on their way into a store. The file is read into a
/// batch without the store; the batch is then applied to it (by whoever guards the store, under
/// its lock), so reading the disk never holds up those who wait on that lock.
public struct RestoredBuckets: Sendable {
    struct Row: Sendable {
        var series: Int64
        var bucket: Int
        var tier: Int
        var summary: BucketSummary
    }

    /// The file's series ids and their keys (read once, before any bucket).
    var keys: [Int64: SeriesKey] = [:]
    var rows: [Row] = []
    /// The file's ids as the store numbers them, learnt batch by batch.
    private var ids: [Int64: SeriesID] = [:]

    /// Rows waiting to be applied.
    public var count: Int { rows.count }

    /// Puts the waiting rows into `store` (a series the store has no room for is skipped) and
    /// empties the batch for the next rows.
    public mutating func apply(to store: SeriesStore) {
        for row in rows {
            guard let id = id(row.series, in: store) else { continue }
            store.restore(row.summary, bucket: row.bucket, tier: row.tier, for: id)
        }
        rows.removeAll(keepingCapacity: true)
    }

    private mutating func id(_ series: Int64, in store: SeriesStore) -> SeriesID? {
        if let known = ids[series] { return known }
        guard let key = keys[series], let fresh = store.id(for: key) else { return nil }
        ids[series] = fresh
        return fresh
    }
}
