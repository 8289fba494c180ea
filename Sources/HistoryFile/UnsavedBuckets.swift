import SeriesStore

/// What failed saves (a full disk, a file that cannot be written) left unwritten, oldest first:
/// written before the next save's own buckets, so nothing recorded is lost when space returns.
///
/// Bounded: past `limit` buckets (or `topLimit` top-process lists) the oldest go, and `dropped`
/// counts them so the user is told. The default limit holds about an hour of a host with 340
/// series at one-minute buckets (a few megabytes), which covers a disk filled and freed by hand.
struct UnsavedBuckets {
    static let limit = 20_000
    static let topLimit = 120

    var buckets: [PersistedBucket] = []
    var top: [PersistedTopProcesses] = []
    /// Buckets and top-process lists dropped for the limit since the last successful save.
    var dropped = 0

    var isEmpty: Bool { buckets.isEmpty && top.isEmpty }

    mutating func append(_ more: [PersistedBucket], top moreTop: [PersistedTopProcesses]) {
        buckets.append(contentsOf: more)
        top.append(contentsOf: moreTop)
    }

    /// Drops the oldest past the limits, counting them.
    mutating func trim(limit: Int = UnsavedBuckets.limit, topLimit: Int = UnsavedBuckets.topLimit) {
        if buckets.count > limit {
            dropped += buckets.count - limit
            buckets.removeFirst(buckets.count - limit)
        }
        if top.count > topLimit {
            dropped += top.count - topLimit
            top.removeFirst(top.count - topLimit)
        }
    }
}
