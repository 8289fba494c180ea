import AlertJournal
import Alerting
import SeriesStore
import VitalsCore

/// `vitals bench alerts`: what evaluating rules costs per tick, and what recording costs.
///
/// The store holds what a real host records (about 500 series, an hour of 1-second ticks); the
/// rules are a mix in the proportions a real configuration has: instant comparisons, window
/// functions over 5 minutes, rates over counters and 1-hour predictions, half of them over
/// labelled series (one value per filesystem or core).
public struct AlertBenchmark {
    public var rules: Int
    public var dataDirectory: String
    /// Endless recording (one transaction per step: transitions plus outbox rows) for the crash
    /// test, which kills it mid-write; never returns.
    public var writeForever: Bool

    public init(rules: Int, dataDirectory: String, writeForever: Bool = false) {
        self.rules = rules
        self.dataDirectory = dataDirectory
        self.writeForever = writeForever
    }

    public func run(print say: (String) -> Void) throws {
        if writeForever { try recordEndlessly() }
        let now = 1_790_000_000.0
        let store = SeriesStore(retention: .standard(interval: 1))
        let ruleSet = Self.rules(count: rules)
        var runner = AlertRuleRunner(rules: ruleSet)
        for tick in 0..<3600 {
            let samples = Self.tick(tick)
            store.append(samples, at: now - 3600 + Double(tick))
            if tick >= 3600 - 600 { _ = runner.values(samples: samples, store: store, now: now - 3600 + Double(tick)) }
        }
        var state = AlertEngineState()
        var transitions = 0
        let rounds = 600
        let started = ContinuousClock.now
        for round in 0..<rounds {
            let t = now + Double(round)
            let samples = Self.tick(3600 + round)
            store.append(samples, at: t)
            let values = runner.values(samples: samples, store: store, now: t)
            let step = AlertEngine.step(rules: ruleSet, values: values, previous: state, now: t, host: "bench")
            state = step.state
            transitions += step.transitions.count
        }
        let elapsed = Self.seconds(ContinuousClock.now - started)
        // The same rounds again, appending only: what the rules add on top of recording the tick.
        let appendOnly = SeriesStore(retention: .standard(interval: 1))
        let t1 = ContinuousClock.now
        for round in 0..<rounds { appendOnly.append(Self.tick(round), at: now + Double(round)) }
        let appendSeconds = Self.seconds(ContinuousClock.now - t1)
        let perTick = (elapsed - appendSeconds) / Double(rounds)
        say("evaluate: \(ruleSet.count) rules per tick: \(Self.fixed(perTick * 1e6, 1)) µs (\(Self.fixed(perTick * 1e6 / Double(ruleSet.count), 2)) µs per rule; \(store.seriesCount) series, \(state.instances.count) alerts active, \(transitions) transitions in \(rounds) ticks)")

        // Per kind: one rule of each, evaluated directly over the same store (no cadence).
        var kindCosts: [String] = []
        var counters = CounterWindow(rules: Self.rules(count: Self.kinds.count))
        for tick in (3600 + rounds - 120)..<(3600 + rounds) { counters.feed(Self.tick(tick), at: now + Double(tick - 3600)) }
        let source = StoreAlertSource(store: store, counters: counters)
        for text in Self.kinds {
            guard let expr = try? AlertExprParser.parse(text) else { continue }
            let t = ContinuousClock.now
            for _ in 0..<200 { _ = AlertEvaluator.values(of: expr.operand, in: source, at: now + Double(rounds - 1)) }
            kindCosts.append("\(text.prefix { $0 != "[" && $0 != " " }): \(Self.fixed(Self.seconds(ContinuousClock.now - t) * 1e6 / 200, 1)) µs")
        }
        say("per evaluation: " + kindCosts.joined(separator: ", "))
        say(Self.silenceCost(now: now))

        let journal = try AlertJournal.open(directory: dataDirectory, now: now)
        let rule = ruleSet[0]
        var writes = 0
        let t2 = ContinuousClock.now
        var engine = AlertEngineState()
        for i in 0..<200 {
            let step = AlertEngine.step(rules: [rule], values: [[(SeriesKey("node_load1"), i % 2 == 0 ? 2e9 : -1e9)]], previous: engine, now: now + Double(i), host: "bench")
            engine = step.state
            try journal.record(transitions: step.transitions, notifications: step.notifications, host: "bench", now: now + Double(i)) { _ in ["webhook-bench"] }
            writes += 1
        }
        let recordMS = Self.seconds(ContinuousClock.now - t2) * 1000 / Double(writes)
        say("record: one step with a transition and its outbox row: \(Self.fixed(recordMS, 3)) ms (synchronous=NORMAL, WAL)")
    }

    /// Asking whether each of 200 firing alerts is silenced, with 20 silences by matchers (half of
    /// them regular expressions, none covering the alerts, so every matcher is tried): what the
    /// dashboard asks for each frame and the agent for each scrape.
    static func silenceCost(now: Double) -> String {
        var state = AlertEngineState()
        state.silences = (0..<20).compactMap { i in
            let matcher = i % 2 == 0 ? try? AlertMatcher(name: "host", op: .matches, value: "db-[0-9]+|cache-\(i)") : try? AlertMatcher(name: "host", op: .equal, value: "cache-\(i)")
            return matcher.map { AlertSilence(fingerprint: "", rule: "", labels: "", from: now - 60, until: now + 3600, matchers: [$0]) }
        }
        let alerts = (0..<200).map { i in
            AlertInstance(rule: "load-high", labels: AlertLabels(["alertname": "load-high", "host": "web-\(i)"]), severity: .warning, phase: .firing, activeSince: now - 60, value: 5)
        }
        let rounds = 20
        var silenced = 0
        let started = ContinuousClock.now
        for _ in 0..<rounds { silenced += alerts.filter { state.isSilenced($0, at: now) }.count }
        let perRound = seconds(ContinuousClock.now - started) / Double(rounds)
        return "silences: 200 alerts against 20 silences: \(fixed(perRound * 1000, 3)) ms (\(fixed(perRound * 1e6 / 4000, 2)) µs a check; \(silenced) silenced)"
    }

    /// `count` rules cycling through four kinds.
    static let kinds = [
            "node_load1 > 1e9", "avg(vitals_cpu_core_utilization_ratio[5m]) > 2", "rate(node_network_receive_bytes_total[1m]) > 1e15",
            "predict(node_filesystem_avail_bytes[1h], 4h) < -1e18", "vitals_memory_available_ratio < -1", "max(vitals_pressure_ratio[1m]) > 5",
    ]

    static func rules(count: Int) -> [AlertRule] {
        return (0..<count).compactMap { i in
            (try? AlertExprParser.parse(kinds[i % kinds.count])).map { AlertRule(name: "rule-\(i)", expr: $0) }
        }
    }

    /// About 500 series: the shape of a 2-core VM with a few filesystems and interfaces, padded
    /// with per-process-like series.
    static func tick(_ n: Int) -> [Sample] {
        var out: [Sample] = [Sample(SeriesKey("node_load1"), Double(n % 7) / 3), Sample(SeriesKey("vitals_memory_available_ratio"), 0.5)]
        for core in 0..<8 { out.append(Sample(SeriesKey("vitals_cpu_core_utilization_ratio", ["cpu": String(core)]), Double((n + core) % 100) / 100)) }
        for fs in 0..<6 { out.append(Sample(SeriesKey("node_filesystem_avail_bytes", ["mountpoint": "/m\(fs)"]), 1e10 - Double(n) * 1000)) }
        for dev in 0..<4 { out.append(Sample(SeriesKey("node_network_receive_bytes_total", ["device": "eth\(dev)"]), Double(n) * 1e5, .counter)) }
        for r in ["cpu", "io", "memory"] { out.append(Sample(SeriesKey("vitals_pressure_ratio", ["resource": r, "kind": "some", "window": "10s"]), 0.01)) }
        for p in 0..<460 { out.append(Sample(SeriesKey("vitals_padding", ["n": String(p)]), Double((n + p) % 13))) }
        return out
    }

    private func recordEndlessly() throws -> Never {
        let journal = try AlertJournal.open(directory: dataDirectory, now: 0)
        var rule = Self.rules(count: 1)[0]
        rule.cooldown = 0
        var state = AlertEngineState()
        // Each run its own timeline, after the last one's (the crash test restarts it in the same directory).
        let start = (try journal.newestTransitionTime() ?? 0) + 1
        var i = 0
        while true {
            // Eight alerts flip every step: eight transitions and, each firing or resolving, eight outbox rows.
            let values = [(0..<8).map { (key: SeriesKey("node_load1", ["n": String($0)]), value: i % 2 == 0 ? 2e9 : 0) }]
            let step = AlertEngine.step(rules: [rule], values: values, previous: state, now: start + Double(i), host: "bench")
            state = step.state
            try journal.record(transitions: step.transitions, notifications: step.notifications, host: "bench", now: start + Double(i)) { _ in ["webhook-bench"] }
            i += 1
        }
    }

    static func seconds(_ d: Duration) -> Double {
        let (s, atto) = d.components
        return Double(s) + Double(atto) / 1e18
    }

    static func fixed(_ value: Double, _ digits: Int) -> String {
        let scale = [1.0, 10, 100, 1000][digits]
        let rounded = (value * scale).rounded() / scale
        return String(rounded)
    }
}
