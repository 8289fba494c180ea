import Alerting
import Testing
import VitalsCore

/// The state machine, driven by hand: a manual clock and the values each evaluation sees.
@Suite struct AlertEngineTests {
    let load = SeriesKey("node_load1")

    /// Runs the engine over a scripted clock; nil means the series is missing at that time.
    struct Run {
        var rules: [AlertRule]
        var state = AlertEngineState()
        var transitions: [(Double, AlertPhase, AlertPhase)] = []
        var notifications: [AlertNotification] = []

        mutating func at(_ time: Double, _ value: Double?, key: SeriesKey = SeriesKey("node_load1")) {
            let values = rules.map { _ in value.map { [(key: key, value: $0)] } ?? [] }
            let step = AlertEngine.step(rules: rules, values: values, previous: state, now: time, host: "box")
            state = step.state
            transitions += step.transitions.map { ($0.time, $0.from, $0.to) }
            notifications += step.notifications
        }

        var phase: AlertPhase? { state.instances.values.first?.phase }
        var path: [String] { transitions.map { "\(Int($0.0)):\($0.1.rawValue)>\($0.2.rawValue)" } }
        var sent: [String] { notifications.map { "\(Int($0.time)):\($0.status.rawValue)" } }
    }

    func rule(_ expr: String = "node_load1 > 4", for holdFor: Double = 0, keep: Double = 0, clear: Double? = nil, cooldown: Double = 3600) throws -> AlertRule {
        AlertRule(
            name: "load-high", expr: try AlertExprParser.parse(expr), holdFor: holdFor, keepFiringFor: keep, clear: clear, cooldown: cooldown,
            summary: "load {{ value }} on {{ host }}"
        )
    }

    @Test func inactivePendingFiringResolved() throws {
        var run = Run(rules: [try rule(for: 120)])
        run.at(0, 1)
        #expect(run.phase == nil, "inactive: nothing held")
        run.at(10, 5)
        #expect(run.phase == .pending)
        run.at(100, 6)
        #expect(run.phase == .pending, "for: 2m not yet elapsed")
        run.at(130, 6)
        #expect(run.phase == .firing)
        run.at(140, 2)
        #expect(run.phase == .resolved)
        #expect(run.path == ["10:inactive>pending", "130:pending>firing", "140:firing>resolved"])
        #expect(run.sent == ["130:firing", "140:resolved"])
        #expect(run.notifications[0].summary == "load 6 on box")
        #expect(run.notifications[1].instance.resolvedAt == 140)
        run.at(140 + AlertEngine.keepResolvedFor, 2)
        #expect(run.state.instances.isEmpty, "resolved alerts leave the list after an hour")
    }

    @Test func pendingThatStopsHoldingGoesBackToInactiveUnannounced() throws {
        var run = Run(rules: [try rule(for: 60)])
        run.at(0, 5)
        run.at(30, 3)
        #expect(run.state.instances.isEmpty)
        #expect(run.path == ["0:inactive>pending", "30:pending>inactive"])
        #expect(run.notifications.isEmpty)
    }

    @Test func forZeroFiresAtOnce() throws {
        var run = Run(rules: [try rule()])
        run.at(0, 5)
        #expect(run.path == ["0:inactive>firing"])
        #expect(run.sent == ["0:firing"])
    }

    @Test func hysteresisHoldsUntilTheClearThreshold() throws {
        var run = Run(rules: [try rule(clear: 3)])
        run.at(0, 5)
        run.at(1, 3.5)
        #expect(run.phase == .firing, "below 4 but above the clear threshold 3")
        run.at(2, 4.5)
        run.at(3, 2.9)
        #expect(run.phase == .resolved)
        run.at(4, 3.5)
        #expect(run.phase == .resolved, "re-firing needs the threshold itself again")
        #expect(run.path == ["0:inactive>firing", "3:firing>resolved"])
    }

    @Test func keepFiringForBridgesShortDips() throws {
        var run = Run(rules: [try rule(keep: 60)])
        run.at(0, 5)
        run.at(10, 1)
        run.at(50, 1)
        #expect(run.phase == .firing)
        run.at(55, 5)
        run.at(100, 1)
        run.at(114, 1)
        #expect(run.phase == .firing, "60 s from the last time it held (55)")
        run.at(115, 1)
        #expect(run.phase == .resolved)
        #expect(run.sent == ["0:firing", "115:resolved"])
    }

    @Test func flappingWithinCooldownIsAnnouncedOnce() throws {
        var run = Run(rules: [try rule(cooldown: 600)])
        for cycle in 0..<5 {
            run.at(Double(cycle * 20), 5)
            run.at(Double(cycle * 20 + 10), 1)
        }
        #expect(run.path.count == 10, "every transition is recorded")
        #expect(run.sent == ["0:firing", "10:resolved"], "the later episodes fell inside the cooldown")
        // A fresh episode after the cooldown is announced again.
        run.at(700, 5)
        #expect(run.sent.last == "700:firing")
    }

    @Test func repeatsAfterEachCooldownWhileFiring() throws {
        var run = Run(rules: [try rule(cooldown: 100)])
        for t in stride(from: 0.0, through: 250, by: 10) { run.at(t, 5) }
        #expect(run.sent == ["0:firing", "100:firing", "200:firing"])
        let keys = run.notifications.map(\.idempotencyKey)
        #expect(Set(keys).count == 3, "each repeat has its own key")
        #expect(keys.allSatisfy { $0.hasPrefix(run.notifications[0].instance.fingerprint + "-0-firing-") })
    }

    @Test func missingDataIsNoDataNeverASilentResolve() throws {
        var run = Run(rules: [try rule()])
        run.at(0, 5)
        run.at(1, nil)
        #expect(run.phase == .noData)
        #expect(run.state.instances.values.first?.phase.isFiring == true, "still shown")
        run.at(1000, nil)
        #expect(run.phase == .noData)
        run.at(1001, 6)
        #expect(run.phase == .firing)
        run.at(1002, nil)
        run.at(1003, 1)
        #expect(run.phase == .resolved, "data back and below the threshold")
        #expect(run.path == ["0:inactive>firing", "1:firing>nodata", "1001:nodata>firing", "1002:firing>nodata", "1003:nodata>resolved"])
        #expect(run.sent == ["0:firing", "1003:resolved"])
    }

    @Test func noDataForADayResolvesAndSaysSo() throws {
        var run = Run(rules: [try rule()])
        run.at(0, 5)
        run.at(1, nil)
        run.at(1 + AlertEngine.noDataResolveAfter, nil)
        #expect(run.path.last == "\(1 + Int(AlertEngine.noDataResolveAfter)):nodata>resolved")
        #expect(run.sent.last?.hasSuffix("resolved") == true)
    }

    @Test func pendingWithMissingDataGoesInactive() throws {
        var run = Run(rules: [try rule(for: 60)])
        run.at(0, 5)
        run.at(1, nil)
        #expect(run.state.instances.isEmpty)
    }

    @Test func silenceStopsNotificationsButNotStatesAndExpires() throws {
        var run = Run(rules: [try rule(cooldown: 50)])
        let fingerprint = AlertLabels(["alertname": "load-high", "severity": "warning"]).fingerprint
        run.state.silences = [AlertSilence(fingerprint: fingerprint, rule: "load-high", labels: "", from: 0, until: 100)]
        run.at(0, 5)
        #expect(run.phase == .firing)
        #expect(run.state.isSilenced(run.state.instances.values.first!, at: 0))
        run.at(60, 5)
        #expect(run.notifications.isEmpty, "silenced: not announced, no repeats")
        run.at(100, 5)
        #expect(run.state.silences.isEmpty, "expired")
        run.at(110, 1)
        #expect(run.sent.isEmpty, "an episode never announced is not announced resolved either")
        run.at(200, 5)
        #expect(run.sent == ["200:firing"])
    }

    @Test func perLabelSetInstancesAndLabels() throws {
        let rule = AlertRule(name: "fs", expr: try AlertExprParser.parse("x < 0.1"), labels: ["team": "ops"])
        let a = SeriesKey("x", ["mountpoint": "/"])
        let b = SeriesKey("x", ["mountpoint": "/data"])
        let step = AlertEngine.step(rules: [rule], values: [[(a, 0.05), (b, 0.5)]], previous: AlertEngineState(), now: 0, host: "h")
        #expect(step.state.instances.count == 1)
        let labels = try #require(step.state.instances.keys.first)
        #expect(labels.dictionary == ["alertname": "fs", "severity": "warning", "team": "ops", "mountpoint": "/"])
        let next = AlertEngine.step(rules: [rule], values: [[(a, 0.05), (b, 0.05)]], previous: step.state, now: 1, host: "h")
        #expect(next.state.instances.count == 2)
        #expect(next.notifications.count == 1, "only the new one")
    }

    @Test func aRemovedRuleResolvesItsAlerts() throws {
        var run = Run(rules: [try rule()])
        run.at(0, 5)
        run.rules = []
        run.at(1, 5)
        #expect(run.phase == .resolved)
        #expect(run.sent == ["0:firing", "1:resolved"])
    }

    @Test func orderedMostSevereFirst() throws {
        let info = AlertRule(name: "a", expr: try AlertExprParser.parse("x > 0"), severity: .info)
        let critical = AlertRule(name: "b", expr: try AlertExprParser.parse("x > 0"), severity: .critical)
        let step = AlertEngine.step(rules: [info, critical], values: [[(load, 1)], [(load, 1)]], previous: AlertEngineState(), now: 0, host: "h")
        #expect(step.state.ordered.map(\.rule) == ["b", "a"])
    }

    @Test func templatesFillValueHostRuleAndLabels() {
        var instance = AlertInstance(
            rule: "fs", labels: AlertLabels(["alertname": "fs", "mountpoint": "/data"]), severity: .critical, phase: .firing, activeSince: 0, value: 0.0512345
        )
        #expect(AlertTemplate.render("{{ mountpoint }} at {{value}} on {{ host }} ({{ $labels.mountpoint }}, {{ severity }}, {{ rule }}, {{ nope }})", instance: instance, host: "db1")
            == "/data at 0.051 on db1 (/data, critical, fs, {{ nope }})")
        instance.value = 123_456_789
        #expect(AlertTemplate.render("{{ value }}", instance: instance, host: "") == "123.46M")
        instance.value = nil
        #expect(AlertTemplate.render("{{ value }} {{ unclosed", instance: instance, host: "") == "no data {{ unclosed")
    }

    @Test func fingerprintIsStableAndLabelSensitive() {
        let a = AlertLabels(["alertname": "x", "device": "sda"])
        #expect(a.fingerprint == AlertLabels(["device": "sda", "alertname": "x"]).fingerprint)
        #expect(a.fingerprint != AlertLabels(["alertname": "x", "device": "sdb"]).fingerprint)
        #expect(a.fingerprint.count == 16)
    }
}
