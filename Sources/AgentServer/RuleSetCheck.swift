import AlertDelivery
import VitalsConfig

/// `POST /api/v1/alerts/rules/check`: a rule set checked as `vitals config check` checks the
/// configuration file, and nothing changed.
///
/// The body is YAML or JSON (JSON is YAML), in either shape: the configuration file's
/// (`alerts: {rules: […]}`, any other section checked too), or the `alerts` section alone
/// (`rules: […]`, with `defaults` beside it if wanted). Problems carry the body's line and column.
/// Only the rules are taken from it: notifiers name files (`url_file`) this agent would read, and a
/// client must learn nothing of this host's files from the answer.
enum RuleSetCheck {
    struct Outcome: Equatable {
        var problems: [ConfigDiagnostic]
        /// The rules that would run: the file's, and the defaults it leaves in force.
        var rules: Int
    }

    static let place = "body"

    static func check(_ text: String) -> Outcome {
        let section = isAlertsSection(text) ? "alerts" : ""
        // Files the body names are taken as there: this host's files are not looked at.
        let parsed = ConfigFileParser.parse(text, file: place, section: section) { _ in true }
        let config = Config.defaults.overlaid(with: parsed.values.filter { $0.key == "alerts.rules" || $0.key == "alerts.defaults" })
        let alerts = AlertConfiguration(config: config)
        return Outcome(problems: parsed.diagnostics + alerts.problems, rules: alerts.rules.count)
    }

    /// Why the body is not a rule set at all (nil: it is one, or it is not YAML, which `check`
    /// reports at its position): the top is a mapping with `rules`, or with `alerts` holding them,
    /// and the rules are a list of mappings.
    static func shapeProblem(_ text: String) -> String? {
        guard let root = try? YAMLComposer.compose(text) else { return nil }
        let expected = "expected {\"rules\": [{\"name\": …, \"expr\": …}]} or the configuration file's alerts: {rules: […]}"
        guard case let .mapping(top) = root.kind else { return expected }
        func value(_ key: String, in pairs: [(key: YAMLNode, value: YAMLNode)]) -> YAMLNode? { pairs.first { $0.key.scalar == key }?.value }
        var rules = value("rules", in: top)
        if rules == nil, let alerts = value("alerts", in: top) {
            guard case let .mapping(section) = alerts.kind else { return "alerts must be a mapping: " + expected }
            rules = value("rules", in: section)
        }
        guard let rules else { return "no rules: " + expected }
        guard case let .sequence(items) = rules.kind else { return "rules must be a list: " + expected }
        for item in items {
            guard case .mapping = item.kind else { return "each rule must be a mapping with name and expr (line \(item.line))" }
        }
        return nil
    }

    /// `shapeProblem` for a JSON body, as `JSONSerialization` read it.
    static func shapeProblem(json: Any) -> String? {
        let expected = "expected {\"rules\": [{\"name\": …, \"expr\": …}]} or the configuration file's {\"alerts\": {\"rules\": […]}}"
        guard let top = json as? [String: Any] else { return expected }
        var rules = top["rules"]
        if rules == nil, let alerts = top["alerts"] {
            guard let section = alerts as? [String: Any] else { return "alerts must be an object: " + expected }
            rules = section["rules"]
        }
        guard let rules else { return "no rules: " + expected }
        guard let items = rules as? [Any] else { return "rules must be a list: " + expected }
        guard items.allSatisfy({ $0 is [String: Any] }) else { return "each rule must be an object with name and expr" }
        return nil
    }

    /// Whether the top of the document is the `alerts` section's (`rules:` there, no `alerts:`).
    static func isAlertsSection(_ text: String) -> Bool {
        guard let root = try? YAMLComposer.compose(text), case let .mapping(pairs) = root.kind else { return false }
        let keys = Set(pairs.compactMap(\.key.scalar))
        return keys.contains("rules") && !keys.contains("alerts")
    }

    /// `body:LINE:COLUMN`'s numbers.
    static func position(_ diagnostic: ConfigDiagnostic) -> (line: Int, column: Int)? {
        let parts = diagnostic.place.split(separator: ":")
        guard parts.count == 3, parts[0] == place, let line = Int(parts[1]), let column = Int(parts[2]) else { return nil }
        return (line, column)
    }
}
