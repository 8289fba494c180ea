import VitalsCore

/// One coarse bucket of one series, as written to and read from the history file.
public struct PersistedBucket: Sendable, Equatable {
    public var key: SeriesKey
    /// Index into `StoreRetention.tiers`.
    public var tier: Int
    /// Bucket number: `floor(time / width)` (so numbers mean the same across restarts).
    public var bucket: Int
    public var summary: BucketSummary

    public init(key: SeriesKey, tier: Int, bucket: Int, summary: BucketSummary) {
        self.key = key
        self.tier = tier
        self.bucket = bucket
        self.summary = summary
    }
}
