/// A graph's history as the view receives it: per point the mean (drawn) and the max (a whisker
/// above the bar when a point folds many samples), oldest first; nil is a gap.
///
/// `perTick` points are one tick each and the newest goes at the right edge; the others span a
/// fixed window and are stretched or folded to the graph's width by `fitted(to:)`.
public struct GraphHistory: Sendable, Equatable, ExpressibleByArrayLiteral {
    public var mean: [Double?]
    public var max: [Double?]
    public var perTick: Bool

    public init(mean: [Double?], max: [Double?]? = nil, perTick: Bool = true) {
        self.mean = mean
        self.max = max ?? mean
        self.perTick = perTick
    }

    /// Per-tick values (tests and the live view).
    public init(arrayLiteral elements: Double?...) {
        self.init(mean: elements)
    }

    public static let empty = GraphHistory(mean: [])

    /// Exactly what `width` cells show: the newest `width` ticks, or the window folded (several
    /// points per cell: mean of means, max of maxes) or stretched (one point over several cells).
    public func fitted(to width: Int) -> (mean: [Double?], max: [Double?]) {
        guard width > 0 else { return ([], []) }
        if perTick { return (Array(mean.suffix(width)), Array(max.suffix(width))) }
        let n = mean.count
        guard n > 0 else { return (Array(repeating: nil, count: width), Array(repeating: nil, count: width)) }
        var outMean = [Double?](repeating: nil, count: width)
        var outMax = [Double?](repeating: nil, count: width)
        for cell in 0..<width {
            // Points overlapping [cell/width, (cell+1)/width) of the window.
            let first = cell * n / width
            let last = Swift.max(first, ((cell + 1) * n - 1) / width)
            var sum = 0.0, count = 0
            var top: Double?
            for p in first...Swift.min(last, n - 1) {
                if let m = mean[p] {
                    sum += m
                    count += 1
                }
                if let x = max[p] { top = Swift.max(top ?? x, x) }
            }
            if count > 0 { outMean[cell] = sum / Double(count) }
            outMax[cell] = top
        }
        return (outMean, outMax)
    }
}
