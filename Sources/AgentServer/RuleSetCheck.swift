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
