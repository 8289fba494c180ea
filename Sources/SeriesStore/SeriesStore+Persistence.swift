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

    /// Puts buckets read from the history file back. Per series and tier they come oldest first; a
    /// later pass may bring older buckets than those held, which are filled in behind them (within
    /// the ring). A bucket for a tier this store does not have is ignored.
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
        let held = histories[slot].tiers[tier]
        if held.lastWritten != Int.min, bucket <= held.lastWritten {
            // Older than what is held (a second pass over the file): fill in behind.
            histories[slot].tiers[tier].backfill(summary, bucket: bucket, pool: pool)
            return
        }
        histories[slot].tiers[tier].write(summary, bucket: bucket, pool: pool)
        histories[slot].tiers[tier].persistedThrough = bucket
        histories[slot].tiers[tier].restoredThrough = bucket
    }
}
