import Alerting
import Foundation
import SeriesStore
import TestSupport
import Testing

/// The exported rule file through Prometheus' own tool: `promtool check rules` accepts the shipped
/// rules, and `promtool test rules` runs a case per shipped rule, generated here: a series that
/// meets the condition for the window and `for` (labels from its matchers and its summary's
/// names), and the alert Prometheus must then fire, its labels and its summary filled in.
@Suite struct PromtoolRulesTests {
    static let instance = "host-a:19100"

    @Test func promtoolChecksAndTestsTheShippedRules() throws {
        let dir = Fixtures.temporaryDirectory("vitals-promtool")
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        let rules = DefaultAlertRules.rules
        #expect(Fixtures.write(PrometheusRuleFile.render(rules), to: dir + "/rules.yml"))
        let check = Shell.run("promtool check rules \(Shell.quote(dir))/rules.yml")
        #expect(check.status == 0 && check.output.contains("SUCCESS: \(rules.count) rules found"), "\(check.output)")
        #expect(Fixtures.write(Self.tests(rules), to: dir + "/rules.test.yml"))
        let test = Shell.run("cd \(Shell.quote(dir)) && promtool test rules rules.test.yml")
        #expect(test.status == 0 && test.output.contains("SUCCESS"), "\(test.output)\n\(Fixtures.text(dir + "/rules.test.yml") ?? "")")
    }

    /// deploy/prometheus/vitals-rules.yml is what the export writes for the shipped rules
    /// (`vitals alerts export --format prometheus --config /dev/null` rewrites it).
    @Test func theShippedRuleFileIsTheExport() {
        let file = Fixtures.text(Fixtures.packageRoot + "/deploy/prometheus/vitals-rules.yml")
        #expect(file == PrometheusRuleFile.render(DefaultAlertRules.rules))
    }

    /// promtool's unit tests: one group per rule.
    static func tests(_ rules: [AlertRule]) -> String {
        var out = "rule_files:\n  - rules.yml\nevaluation_interval: 1m\ntests:\n"
        for rule in rules {
            let (labels, values, value) = series(for: rule)
            let minutes = Int((rule.expr.lookback + rule.holdFor) / 60) + 5
            let selector = rule.expr.operand.selector.name + "{" + labels.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }.joined(separator: ",") + "}"
            out += "  - interval: 1m\n    input_series:\n"
            out += "      - series: '\(selector)'\n        values: '\(values)x\(minutes + 10)'\n"
            out += "    alert_rule_test:\n      - eval_time: \(minutes)m\n        alertname: \(rule.name)\n        exp_alerts:\n          - exp_labels:\n"
            var expected = labels.merging(rule.labels) { $1 }
            expected["severity"] = rule.severity.rawValue
            for (name, text) in expected.sorted(by: { $0.key < $1.key }) { out += "              \(name): '\(text)'\n" }
            if let summary = rule.summary {
                out += "            exp_annotations:\n              summary: '\(filled(summary, rule: rule, labels: labels, value: value))'\n"
            }
        }
        return out
    }

    /// Labels, promtool's `values` (without the count) and the value the expression then has.
    static func series(for rule: AlertRule) -> ([String: String], String, Double) {
        var labels = ["instance": instance, "job": "vitals"]
        for m in rule.expr.operand.selector.matchers { labels[m.name] = m.op == .equal ? m.value : m.value + "-other" }
        for name in templateNames(rule.summary ?? "") where labels[name] == nil { labels[name] = "x-" + name }
        let t = rule.expr.threshold
        // Clear of the threshold: a rate's or an increase's float error cannot land it on the edge.
        let value: Double = switch rule.expr.comparison {
        case .greater, .notEqual, .greaterOrEqual: t + 1
        case .less, .lessOrEqual: t - 1
        case .equal: t
        }
        switch rule.expr.operand {
        case .instant, .function(.avg, _, _, _), .function(.min, _, _, _), .function(.max, _, _, _):
            return (labels, "\(value)+0", value)
        case .function(.rate, _, _, _):
            return (labels, "0+\(value * 60)", value)
        case let .function(.increase, _, window, _):
            return (labels, "0+\(value * 60 / window)", value)
        case let .function(.predict, _, _, horizon):
            // Falling so fast that the line is below the threshold `horizon` ahead from the start.
            let perMinute = 10 * (abs(t) + 1000) * 60 / max(60, horizon ?? 60)
            return (labels, "1000-\(perMinute)", value)
        }
    }

    static func templateNames(_ text: String) -> [String] {
        text.matches(of: #/\{\{\s*\$?(?:labels\.)?([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/#).map { String($0.1) }
            .filter { !["value", "host", "hostname", "rule", "alertname", "severity"].contains($0) }
    }

    /// The summary as Prometheus fills the exported one in.
    static func filled(_ text: String, rule: AlertRule, labels: [String: String], value: Double) -> String {
        var out = PrometheusRuleFile.template(text, rule: rule)
        out = out.replacingOccurrences(of: "{{ $value | humanize }}", with: humanize(value))
        for (name, text) in labels { out = out.replacingOccurrences(of: "{{ $labels.\(name) }}", with: text) }
        return out.replacingOccurrences(of: "'", with: "''")
    }

    /// Prometheus' `humanize`: %.4g with k, M, G… above 1000 and m, u, n… below 1.
    static func humanize(_ value: Double) -> String {
        guard value != 0, value.isFinite else { return String(format: "%.4g", value) }
        var v = value
        var prefix = ""
        if abs(v) >= 1 {
            for p in ["k", "M", "G", "T", "P", "E", "Z", "Y"] where abs(v) >= 1000 {
                prefix = p
                v /= 1000
            }
        } else {
            for p in ["m", "u", "n", "p", "f", "a", "z", "y"] where abs(v) < 1 {
                prefix = p
                v *= 1000
            }
        }
        return String(format: "%.4g", v) + prefix
    }
}
