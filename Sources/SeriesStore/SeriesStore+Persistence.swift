import VitalsCore

extension SeriesStore {
    /// Coarse buckets that closed since the last call, for the history file; marks them handed over.
    /// With `includeOpen`, the buckets still being filled come too (written again once they close),
    /// which is what a clean exit wants.
    public func takeUnpersisted(includeOpen: Bool = false) -> [PersistedBucket] {
        var out: [PersistedBucket] = []
        for slot in histories.indices {
            guard let key = keysBySlot[slot] else { continue }
            for k in retention.tiers.indices {
                histories[slot].tiers[k].takeUnpersisted(pool: pool) { bucket, summary in
                    out.append(PersistedBucket(key: key, tier: k, bucket: bucket, summary: summary))
                }
                let tier = histories[slot].tiers[k]
                if includeOpen, tier.open.count > 0 {
                    out.append(PersistedBucket(key: key, tier: k, bucket: tier.openBucket, summary: tier.open))
                }
            }
        }
        return out
    }

    /// Puts buckets read from the history file back, before live ticks begin. Per series and tier
    /// they must come oldest first; a bucket older than one already held is ignored. A bucket for a
    /// tier this store does not have is ignored too.
    public func restore(_ buckets: [PersistedBucket]) {
        for b in buckets {
            guard let id = id(for: b.key) else { continue }
            restore(b.summary, bucket: b.bucket, tier: b.tier, for: id)
        }
    }

    /// One bucket read back (the history file streams rows through this, without building keys).
    public func restore(_ summary: BucketSummary, bucket: Int, tier: Int, for id: SeriesID) {
        let slot = Int(id.slot)
        guard tier < retention.tiers.count, summary.count > 0, bucket >= 0,
              slot < generations.count, generations[slot] == id.generation else { return }
        histories[slot].tiers[tier].write(summary, bucket: bucket, pool: pool)
        histories[slot].tiers[tier].persistedThrough = bucket
        histories[slot].tiers[tier].restoredThrough = bucket
    }
}
