import Alerting
import SeriesStore
import Testing
import VitalsCore

@Suite struct AlertEvaluatorTests {
    let fs = SeriesKey("node_filesystem_avail_bytes", ["mountpoint": "/"])
    let tmp = SeriesKey("node_filesystem_avail_bytes", ["mountpoint": "/tmp"])

    func source(_ store: SeriesStore, rules: [AlertRule] = []) -> StoreAlertSource {
        StoreAlertSource(store: store, counters: CounterWindow(rules: rules))
    }

    @Test func instantValuesPerLabelSetAndMatchers() throws {
        let store = SeriesStore(capacity: 60)
        store.append([Sample(fs, 10), Sample(tmp, 20)], at: 1)
        let all = AlertEvaluator.values(of: try AlertExprParser.parse("node_filesystem_avail_bytes > 0").operand, in: source(store), at: 1)
        #expect(all.map(\.key) == [fs, tmp])
        #expect(all.map(\.value) == [10, 20])
        let root = AlertEvaluator.values(of: try AlertExprParser.parse(#"node_filesystem_avail_bytes{mountpoint!="/tmp"} > 0"#).operand, in: source(store), at: 1)
        #expect(root.map(\.key) == [fs])
        store.append([Sample(tmp, 20)], at: 2)
        let later = AlertEvaluator.values(of: try AlertExprParser.parse("node_filesystem_avail_bytes > 0").operand, in: source(store), at: 2)
        #expect(later.map(\.key) == [tmp], "a series that did not report this tick has no value")
    }

    @Test func windowFunctions() throws {
        let store = SeriesStore(capacity: 600)
        for t in 0..<300 { store.append([Sample(fs, Double(1000 - t))], at: Double(t)) }
        func value(_ text: String) throws -> Double? {
            AlertEvaluator.values(of: try AlertExprParser.parse(text).operand, in: source(store), at: 299).first?.value
        }
        #expect(try value("min(node_filesystem_avail_bytes[100s]) > 0") == 701)
        #expect(try value("max(node_filesystem_avail_bytes[100s]) > 0") == 800)
        #expect(try value("avg(node_filesystem_avail_bytes[100s]) > 0") == 750.5)
        #expect(try value("rate(node_filesystem_avail_bytes[100s]) > 0") == -1, "a gauge's rate is its slope")
        #expect(try value("increase(node_filesystem_avail_bytes[100s]) > 0") == -99, "first to last sample, not extrapolated")
        // Falling 1 per second from 701 at t=299: zero 701 s later.
        let predicted = try #require(try value("predict(node_filesystem_avail_bytes[200s], 701s) < 0"))
        #expect(abs(predicted) < 1e-6)
    }

    @Test func predictWantsAQuarterOfTheWindow() throws {
        let store = SeriesStore(capacity: 600)
        for t in 0..<10 { store.append([Sample(fs, Double(100 - t))], at: Double(t)) }
        let values = AlertEvaluator.values(of: try AlertExprParser.parse("predict(node_filesystem_avail_bytes[1h], 4h) < 0").operand, in: source(store), at: 9)
        #expect(values.isEmpty, "ten seconds of data predict nothing about four hours")
    }

    @Test func rateAndIncreaseReadCountersWithResets() throws {
        let rule = AlertRule(name: "rx", expr: try AlertExprParser.parse("rate(node_network_receive_bytes_total[10s]) > 0"))
        var counters = CounterWindow(rules: [rule])
        let store = SeriesStore(capacity: 60)
        let key = SeriesKey("node_network_receive_bytes_total", ["device": "eth0"])
        let values: [Double] = [100, 200, 300, 50, 150, 250]
        for (t, v) in values.enumerated() {
            let tick = [Sample(key, v, .counter)]
            store.append(tick, at: Double(t))
            counters.feed(tick, at: Double(t))
        }
        let src = StoreAlertSource(store: store, counters: counters)
        #expect(src.isCounter("node_network_receive_bytes_total"))
        let rate = AlertEvaluator.values(of: rule.expr.operand, in: src, at: 5)
        // 100 + 100 + 50 (reset: the new value counts) + 100 + 100 = 450 over 5 s.
        #expect(rate.map(\.value) == [90])
        let increase = AlertEvaluator.values(of: try AlertExprParser.parse("increase(node_network_receive_bytes_total[10s]) > 0").operand, in: src, at: 5)
        #expect(increase.map(\.value) == [450])
    }

    @Test func counterWindowForgetsWhatNoWindowReaches() throws {
        let rule = AlertRule(name: "rx", expr: try AlertExprParser.parse("rate(c[10s]) > 0"))
        var counters = CounterWindow(rules: [rule])
        for t in 0..<100 { counters.feed([Sample(SeriesKey("c"), Double(t), .counter), Sample(SeriesKey("other"), 1, .counter)], at: Double(t)) }
        #expect(counters.samples(SeriesKey("c"), from: 0, to: 100).count == 11, "the window plus the sample just before it")
        #expect(counters.keys(named: "other", matching: []).isEmpty, "names no rule reads are not kept")
    }
}

/// The shipped container rules over a store fed by snapshots the way the pipeline feeds it.
@Suite struct ContainerRuleTests {
    func rule(_ name: String) throws -> AlertRule {
        try #require(DefaultAlertRules.rules.first { $0.name == name })
    }

    @Test func aCrashAnUnhealthyCheckAndARestartLoopEachMatchTheirRule() throws {
        let rules = DefaultAlertRules.rules
        let store = SeriesStore(capacity: 1200)
        var counters = CounterWindow(rules: rules)
        for t in 0..<600 {
            var snapshot = Snapshot(time: Double(t), host: HostInfo(hostname: "h"))
            var worker = ContainerInfo(id: "w", name: "worker", image: "app", state: t < 500 ? .running : .exited)
            worker.exitCode = t < 500 ? 0 : 137
            worker.restartCount = t / 150  // 0 … 3 within the last ten minutes
            var api = ContainerInfo(id: "a", name: "api", image: "app", state: .running)
            api.health = t < 550 ? .healthy : .unhealthy
            let web = ContainerInfo(id: "b", name: "web", image: "nginx", state: .running)
            snapshot.containers = ContainerReading(socket: "s", runtime: nil, containers: [worker, api, web])
            let samples = snapshot.samples()
            store.append(samples, at: Double(t))
            counters.feed(samples, at: Double(t))
        }
        let source = StoreAlertSource(store: store, counters: counters)
        func firing(_ name: String) throws -> [String] {
            let r = try rule(name)
            return AlertEvaluator.values(of: r.expr.operand, in: source, at: 599)
                .filter { r.expr.comparison.holds($0.value, r.expr.threshold) }
                .compactMap { $0.key.labels.first { $0.name == "name" }?.value }
        }
        #expect(try firing("container-stopped") == ["worker"])
        #expect(try firing("container-unhealthy") == ["api"])
        #expect(try firing("container-restart-loop") == ["worker"], "three restarts in ten minutes")
    }
}
