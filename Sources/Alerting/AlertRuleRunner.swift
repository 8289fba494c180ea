import SeriesStore
import VitalsCore

/// Evaluates the rules tick after tick: keeps the counter window fed, and evaluates a rule over a
/// long window no more often than its window needs. A rule reading 10 minutes or more is
/// evaluated every sixtieth of its window (a 1-hour prediction once a minute), and keeps its last
/// values in between; shorter ones every tick. Measured with `vitals bench alerts`.
public struct AlertRuleRunner: Sendable {
    public private(set) var rules: [AlertRule]
    private var counters: CounterWindow
    private var lastValues: [[(key: SeriesKey, value: Double)]]
    private var lastEvaluated: [Double]

    public init(rules: [AlertRule]) {
        self.rules = rules
        counters = CounterWindow(rules: rules)
        lastValues = rules.map { _ in [] }
        lastEvaluated = rules.map { _ in -.infinity }
    }

    /// How often a rule is evaluated (0: every tick).
    public static func cadence(_ rule: AlertRule) -> Double {
        rule.expr.lookback >= 600 ? rule.expr.lookback / 60 : 0
    }

    /// This tick's values per rule; `samples` are the tick's (counters included), already in `store`.
    public mutating func values(samples: [Sample], store: SeriesStore, now: Double) -> [[(key: SeriesKey, value: Double)]] {
        counters.feed(samples, at: now)
        let source = StoreAlertSource(store: store, counters: counters)
        for (i, rule) in rules.enumerated() {
            let cadence = Self.cadence(rule)
            guard cadence == 0 || now - lastEvaluated[i] >= cadence || now < lastEvaluated[i] else { continue }
            lastValues[i] = AlertEvaluator.values(of: rule.expr.operand, in: source, at: now)
            lastEvaluated[i] = now
        }
        return lastValues
    }
}
