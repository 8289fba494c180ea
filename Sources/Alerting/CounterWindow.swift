import SeriesStore
import VitalsCore

/// Recent raw values of the counters that `rate` and `increase` rules read. The store keeps
/// counters' rates, not the counters; this keeps, for the counter names rules name only, each
/// series' samples over the longest window asked for.
public struct CounterWindow: Sendable {
    /// Counter names to keep and how far back.
    public private(set) var spans: [String: Double]
    private var samples: [SeriesKey: [(time: Double, value: Double)]] = [:]

    public init(rules: [AlertRule]) {
        var spans: [String: Double] = [:]
        for rule in rules {
            if case let .function(function, selector, window, _) = rule.expr.operand, function == .rate || function == .increase {
                spans[selector.name] = max(spans[selector.name] ?? 0, window)
            }
        }
        self.spans = spans
    }

    public var isEmpty: Bool { spans.isEmpty }

    /// Takes this tick's counters (other samples are ignored) and forgets what no window reaches.
    public mutating func feed(_ tick: [Sample], at time: Double) {
        guard !spans.isEmpty else { return }
        var seen = Set<SeriesKey>()
        for sample in tick where sample.kind == .counter {
            guard let span = spans[sample.key.name] else { continue }
            seen.insert(sample.key)
            var list = samples[sample.key, default: []]
            list.append((time, sample.value))
            // One sample older than the window is kept, so the window's start can be reached.
            var drop = 0
            while drop + 1 < list.count, list[drop + 1].time <= time - span { drop += 1 }
            if drop > 0 { list.removeFirst(drop) }
            samples[sample.key] = list
        }
        for key in samples.keys where !seen.contains(key) {
            if let newest = samples[key]?.last, newest.time < time - (spans[key.name] ?? 0) { samples[key] = nil }
        }
    }

    public func keys(named name: String, matching matchers: [LabelMatcher]) -> [SeriesKey] {
        samples.keys.filter { key in key.name == name && matchers.allSatisfy { $0.matches(key) } }.sorted()
    }

    public func samples(_ key: SeriesKey, from: Double, to: Double) -> [(time: Double, value: Double)] {
        (samples[key] ?? []).filter { $0.time >= from && $0.time <= to }
    }

    public func holds(_ name: String) -> Bool { spans[name] != nil }
}
