/// How much history the store keeps, fixed when the store is made.
///
/// The raw tier holds one value per collection tick; each coarse tier holds buckets of `width`
/// seconds with min, max, sum and count, so a zoomed-out graph still shows a spike a mean would hide.
public struct StoreRetention: Sendable, Equatable {
    /// One coarse tier: `buckets` buckets of `width` seconds each.
    public struct Tier: Sendable, Equatable {
        public var width: Double
        public var buckets: Int

        public init(width: Double, buckets: Int) {
            precondition(width > 0 && buckets > 0, "a tier needs a positive width and at least one bucket")
            self.width = width
            self.buckets = buckets
        }

        /// Seconds of history the tier covers.
        public var span: Double { width * Double(buckets) }
    }

    /// Raw values kept per series (one per tick).
    public var rawSamples: Int
    /// Coarse tiers, finest first.
    public var tiers: [Tier]
    /// Most series held at once; further new series are refused (and counted) until old ones age out.
    public var maxSeries: Int

    public init(rawSamples: Int, tiers: [Tier], maxSeries: Int = 2000) {
        precondition(rawSamples > 0 && maxSeries > 0, "a store needs raw slots and room for a series")
        self.rawSamples = rawSamples
        self.tiers = tiers.sorted { $0.width < $1.width }
        self.maxSeries = maxSeries
    }

    /// The defaults: an hour of raw values at `interval`, 1-minute buckets for 48 hours and
    /// 15-minute buckets for 30 days.
    public static func standard(interval: Double) -> StoreRetention {
        StoreRetention(
            rawSamples: max(1, Int((3600 / max(interval, 0.001)).rounded(.up))),
            tiers: [Tier(width: 60, buckets: 48 * 60), Tier(width: 900, buckets: 30 * 24 * 4)]
        )
    }
}
