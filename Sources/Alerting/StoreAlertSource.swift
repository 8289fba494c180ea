import SeriesStore
import VitalsCore

/// Rules read the store, and for counters named by `rate`/`increase` the counter window.
public struct StoreAlertSource: AlertDataSource {
    public let store: SeriesStore
    public let counters: CounterWindow

    public init(store: SeriesStore, counters: CounterWindow) {
        self.store = store
        self.counters = counters
    }

    public func keys(named name: String, matching matchers: [LabelMatcher]) -> [SeriesKey] {
        let stored = store.keys(named: name, matching: matchers)
        return stored.isEmpty && counters.holds(name) ? counters.keys(named: name, matching: matchers) : stored
    }

    public func latest(_ key: SeriesKey) -> Double? {
        store.latest(key) ?? (counters.holds(key.name) ? counters.samples(key, from: -.infinity, to: .infinity).last?.value : nil)
    }

    /// Raw samples while the raw tier reaches `from`; older stretches as 1-per-bucket means.
    public func samples(_ key: SeriesKey, from: Double, to: Double) -> [(time: Double, value: Double)] {
        if isCounter(key.name) { return counters.samples(key, from: from, to: to) }
        if let oldest = store.oldestRawTime, oldest <= from { return store.range(key, from: from, to: to) }
        let points = 120
        let step = (to - from) / Double(points)
        return store.window(key, from: from, to: to, points: points).enumerated().compactMap { index, point in
            point.map { (from + (Double(index) + 0.5) * step, $0.mean) }
        }
    }

    public func isCounter(_ name: String) -> Bool {
        counters.holds(name) && store.keys(named: name, matching: []).isEmpty
    }

    public func summary(_ key: SeriesKey, from: Double, to: Double) -> WindowPoint? {
        store.window(key, from: from, to: to, points: 1)[0]
    }
}
