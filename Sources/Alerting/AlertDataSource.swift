import SeriesStore
import VitalsCore

/// What rule expressions read: series by name and labels, their newest values and their samples.
public protocol AlertDataSource {
    func keys(named name: String, matching matchers: [LabelMatcher]) -> [SeriesKey]
    /// The value recorded in the newest tick; nil when the series did not record one.
    func latest(_ key: SeriesKey) -> Double?
    /// Samples with `from <= time <= to`, oldest first.
    func samples(_ key: SeriesKey, from: Double, to: Double) -> [(time: Double, value: Double)]
    /// Min, max and mean over `from...to`; nil when nothing was recorded.
    func summary(_ key: SeriesKey, from: Double, to: Double) -> WindowPoint?
    /// Whether the series only grows (a drop is then a reset, not a fall).
    func isCounter(_ name: String) -> Bool
}
