/// The min, max, sum and count of the values that fell into one bucket (or one graph point).
public struct BucketSummary: Sendable, Equatable {
    public var min: Double
    public var max: Double
    public var sum: Double
    public var count: Int

    public init(min: Double, max: Double, sum: Double, count: Int) {
        self.min = min
        self.max = max
        self.sum = sum
        self.count = count
    }

    public static let empty = BucketSummary(min: .infinity, max: -.infinity, sum: 0, count: 0)

    public var isEmpty: Bool { count == 0 }
    public var mean: Double { sum / Double(count) }

    @inline(__always)
    public mutating func add(_ value: Double) {
        if value < min { min = value }
        if value > max { max = value }
        sum += value
        count += 1
    }

    @inline(__always)
    public mutating func merge(_ other: BucketSummary) {
        guard other.count > 0 else { return }
        if other.min < min { min = other.min }
        if other.max > max { max = other.max }
        sum += other.sum
        count += other.count
    }
}
