/// One point of a graph: what the store held over that point's stretch of time.
public struct WindowPoint: Sendable, Equatable {
    public var min: Double
    public var max: Double
    public var mean: Double
    /// Samples (raw) or sample counts (buckets) behind the point.
    public var count: Int

    public init(min: Double, max: Double, mean: Double, count: Int) {
        self.min = min
        self.max = max
        self.mean = mean
        self.count = count
    }

    init(_ summary: BucketSummary) {
        self.init(min: summary.min, max: summary.max, mean: summary.mean, count: summary.count)
    }
}
