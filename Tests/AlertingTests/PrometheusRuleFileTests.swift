import Alerting
import Testing

/// The rules in PromQL: functions, counters against gauges, durations, templates, quoting, and
/// what cannot be said said in a comment.
@Suite struct PrometheusRuleFileTests {
    func promql(_ text: String) throws -> String {
        PrometheusRuleFile.expression(try AlertExprParser.parse(text))
    }

    @Test func expressionsInPromQL() throws {
        #expect(try promql("node_load1 > 4") == "node_load1 > 4")
        #expect(try promql("avg(vitals_cpu_utilization_ratio[5m]) > 0.95") == "avg_over_time(vitals_cpu_utilization_ratio[5m]) > 0.95")
        #expect(try promql("min(x[90s]) <= 1") == "min_over_time(x[1m30s]) <= 1")
        #expect(try promql("max(x{a=\"b\",c!=\"d\"}[1h]) != 2.5") == "max_over_time(x{a=\"b\",c!=\"d\"}[1h]) != 2.5")
        #expect(try promql("rate(node_network_receive_bytes_total[1m]) > 1e6") == "rate(node_network_receive_bytes_total[1m]) > 1000000")
        #expect(try promql("rate(node_load1[5m]) > 1") == "deriv(node_load1[5m]) > 1", "a gauge's slope")
        #expect(try promql("increase(vitals_container_restarts_total[10m]) >= 3") == "increase(vitals_container_restarts_total[10m]) >= 3")
        #expect(try promql("increase(node_load1[10m]) >= 3") == "delta(node_load1[10m]) >= 3", "a gauge's change")
        #expect(try promql("predict(node_filesystem_avail_bytes[1h], 4h) < 0") == "predict_linear(node_filesystem_avail_bytes[1h], 14400) < 0")
        #expect(try promql("x{path=\"a\\\\b\"} == 0").contains(#"path="a\\b""#))
    }

    @Test func aRuleWithItsLabelsTemplatesAndNotes() throws {
        let rule = AlertRule(
            name: "disk-full", expr: try AlertExprParser.parse("vitals_filesystem_avail_ratio < 0.1"), holdFor: 300, keepFiringFor: 90,
            clear: 0.12, cooldown: 600, severity: .critical, labels: ["team": "o'ps"],
            summary: "{{ mountpoint }} on {{ host }}: {{ value }} left ({{ rule }}, {{ severity }}, {{ $labels.device }}, {{labels.fstype}})"
        )
        let text = PrometheusRuleFile.render([rule])
        #expect(text.contains("      # disk-full: clear 0.12 (hysteresis) has no PromQL equivalent"))
        #expect(text.contains("      # disk-full: cooldown 10m is for Alertmanager"))
        #expect(text.contains("      - alert: 'disk-full'\n        expr: 'vitals_filesystem_avail_ratio < 0.1'\n        for: 5m\n        keep_firing_for: 1m30s\n"))
        #expect(text.contains("          'severity': 'critical'\n          'team': 'o''ps'\n"))
        #expect(text.contains(
            "summary: '{{ $labels.mountpoint }} on {{ $labels.instance }}: {{ $value | humanize }} left (disk-full, critical, {{ $labels.device }}, {{ $labels.fstype }})'"
        ))
    }

    @Test func theShippedRulesAllTranslate() {
        let text = PrometheusRuleFile.render(DefaultAlertRules.rules)
        #expect(text.components(separatedBy: "      - alert: ").count - 1 == DefaultAlertRules.rules.count)
        #expect(!text.contains("{{ value }}") && !text.contains("{{ host }}"))
    }
}

extension String {
    fileprivate func components(separatedBy separator: String) -> [Substring] {
        var out: [Substring] = []
        var rest = Substring(self)
        while let range = rest.firstRange(of: separator) {
            out.append(rest[..<range.lowerBound])
            rest = rest[range.upperBound...]
        }
        return out + [rest]
    }
}
