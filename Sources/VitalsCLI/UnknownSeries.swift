import Alerting
import VitalsConfig

/// `vitals config check`'s word on a rule over a series this host does not record (`node_lod1`):
/// such a rule is valid, and would never fire. A warning, not an error: a series may exist on
/// another host (a GPU, a RAID) that the same file is written for.
enum UnknownSeries {
    /// Names vitals records besides what its collectors read.
    static let ownNames: Set<String> = ["ALERTS", "vitals_store_bytes", "vitals_store_series"]

    /// One warning per rule whose series is not among `recorded`, with the closest name recorded.
    static func warnings(_ config: Config, recorded: Set<String>) -> [ConfigDiagnostic] {
        let known = recorded.union(ownNames)
        let sorted = known.sorted()
        var out: [ConfigDiagnostic] = []
        for record in config.records("alerts.rules") {
            guard case let .string(name)? = record["name"], case let .string(text)? = record["expr"],
                  let expr = try? AlertExprParser.parse(text) else { continue }
            let series = expr.operand.selector.name
            guard !known.contains(series) else { continue }
            let hint = EditDistance.suggestion(for: series, among: sorted).map { "; did you mean \($0)?" } ?? ""
            out.append(ConfigDiagnostic(
                place: record.place, message: "rule \(name): this host records no series named \(series), so the rule cannot fire here" + hint, severity: .warning
            ))
        }
        return out
    }
}
