/// vitals' alert rules as a Prometheus rule file, so a Prometheus that scrapes the fleet's agents
/// alerts on the same conditions the hosts do (`vitals alerts export --format prometheus`).
///
/// - `avg`, `min`, `max` become `avg_over_time`, `min_over_time`, `max_over_time`; `predict`
///   becomes `predict_linear` (its horizon in seconds).
/// - `rate` and `increase` stay on counters (names ending `_total`); on a gauge vitals reads them
///   as its slope and its change, which PromQL spells `deriv` and `delta`.
/// - `for` and `keep_firing_for` carry over; the severity and the rule's labels become labels.
/// - Templates: `{{ value }}` is `{{ $value | humanize }}` (vitals also shortens large values),
///   `{{ host }}` the scraped `instance`, `{{ rule }}` and `{{ severity }}` the rule's own, any
///   other name a label (`{{ $labels.mountpoint }}`).
/// - What PromQL cannot say is a comment on the rule: `clear` (hysteresis: Prometheus resolves as
///   soon as the condition fails; `keep_firing_for` is the nearest) and `cooldown` (notifications
///   are Alertmanager's: its `repeat_interval`).
public enum PrometheusRuleFile {
    public static func render(_ rules: [AlertRule], group: String = "vitals") -> String {
        var out = "# vitals' alert rules for Prometheus (vitals alerts export --format prometheus).\n"
        out += "groups:\n  - name: " + quoted(group) + "\n    rules:\n"
        for rule in rules {
            for note in notes(rule) { out += "      # " + note + "\n" }
            out += "      - alert: " + quoted(rule.name) + "\n"
            out += "        expr: " + quoted(expression(rule.expr)) + "\n"
            if rule.holdFor > 0 { out += "        for: " + duration(rule.holdFor) + "\n" }
            if rule.keepFiringFor > 0 { out += "        keep_firing_for: " + duration(rule.keepFiringFor) + "\n" }
            out += "        labels:\n"
            var labels = rule.labels
            labels["severity"] = rule.severity.rawValue
            for (name, value) in labels.sorted(by: { $0.key < $1.key }) { out += "          " + quoted(name) + ": " + quoted(value) + "\n" }
            let annotations = [("summary", rule.summary), ("description", rule.description)].compactMap { name, text in text.map { (name, $0) } }
            if !annotations.isEmpty {
                out += "        annotations:\n"
                for (name, text) in annotations { out += "          " + name + ": " + quoted(template(text, rule: rule)) + "\n" }
            }
        }
        return out
    }

    /// The expression in PromQL.
    public static func expression(_ expr: AlertExpr) -> String {
        let selector = selectorText(expr.operand.selector)
        let operand: String
        switch expr.operand {
        case .instant:
            operand = selector
        case let .function(function, s, window, horizon):
            let range = selector + "[" + duration(window) + "]"
            let counter = s.name.hasSuffix("_total")
            switch function {
            case .avg: operand = "avg_over_time(" + range + ")"
            case .min: operand = "min_over_time(" + range + ")"
            case .max: operand = "max_over_time(" + range + ")"
            case .rate: operand = (counter ? "rate(" : "deriv(") + range + ")"
            case .increase: operand = (counter ? "increase(" : "delta(") + range + ")"
            case .predict: operand = "predict_linear(" + range + ", " + AlertExpr.numberText(horizon ?? 0) + ")"
            }
        }
        return operand + " " + expr.comparison.rawValue + " " + AlertExpr.numberText(expr.threshold)
    }

    /// What the rule does in vitals that the file cannot say.
    static func notes(_ rule: AlertRule) -> [String] {
        var out: [String] = []
        if let clear = rule.clear {
            out.append("\(rule.name): clear \(AlertExpr.numberText(clear)) (hysteresis) has no PromQL equivalent; here it resolves as soon as the condition fails.")
        }
        if rule.cooldown != 3600 {
            out.append("\(rule.name): cooldown \(duration(rule.cooldown)) is for Alertmanager to keep (repeat_interval, group_interval).")
        }
        return out
    }

    /// A summary or description with vitals' names in Prometheus' template language.
    public static func template(_ text: String, rule: AlertRule) -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstRange(of: "{{") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstRange(of: "}}") else { break }
            var name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: " ")
            if name.hasPrefix("$") { name.removeFirst() }
            if name.hasPrefix("labels.") { name.removeFirst("labels.".count) }
            switch name {
            case "value": out += "{{ $value | humanize }}"
            case "host", "hostname": out += "{{ $labels.instance }}"
            case "rule", "alertname": out += rule.name
            case "severity": out += rule.severity.rawValue
            default: out += "{{ $labels." + name + " }}"
            }
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    static func selectorText(_ selector: AlertExpr.Selector) -> String {
        guard !selector.matchers.isEmpty else { return selector.name }
        let matchers = selector.matchers.map { m in
            m.name + m.op.rawValue + "\"" + m.value.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"") + "\""
        }
        return selector.name + "{" + matchers.joined(separator: ",") + "}"
    }

    /// Prometheus' duration: `5m`, `1h30m`, `90s`, `1500ms`.
    static func duration(_ seconds: Double) -> String {
        let milliseconds = Int((seconds * 1000).rounded())
        guard milliseconds % 1000 == 0 else { return "\(milliseconds)ms" }
        var rest = milliseconds / 1000
        guard rest > 0 else { return "0s" }
        var out = ""
        for (unit, size) in [("d", 86_400), ("h", 3600), ("m", 60), ("s", 1)] where rest >= size {
            out += "\(rest / size)\(unit)"
            rest %= size
        }
        return out
    }

    /// A YAML single-quoted scalar: nothing in it is special but `'`, written twice.
    static func quoted(_ text: String) -> String {
        "'" + text.replacingAll("'", with: "''") + "'"
    }
}

extension String {
    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        guard contains(target) else { return self }
        var out = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            out += rest[..<range.lowerBound]
            out += replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }
}
