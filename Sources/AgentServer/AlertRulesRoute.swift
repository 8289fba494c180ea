import AlertDelivery
import Alerting
import Exposition
import Foundation
import Hummingbird

/// The rules in effect, and a rule set checked without changing them.
///
/// - `GET /api/v1/alerts/rules` (and `/api/alerts/rules`): each rule with its expression, `for`,
///   `keep_firing_for`, `clear`, `cooldown` (seconds), severity, labels, summary and description,
///   where it comes from (`default`, `file`, or `file` replacing the default of its name), and how
///   many of its label sets are pending and firing now.
/// - `POST /api/v1/alerts/rules/check`: `RuleSetCheck` on the body (YAML or JSON, 1 MiB at most):
///   200 with `valid`, the number of rules that would run, and each problem with its line and
///   column in the body; 400 when the body is not a rule set at all (no `rules` list of
///   mappings). Nothing changes: the rules in effect come from the configuration file.
enum AlertRulesRoute {
    static let path = "/api/v1/alerts/rules"
    static let checkPath = "/api/v1/alerts/rules/check"
    static let paths = [path]
    static let maxBody = 1 << 20

    static func add(to router: Router<AgentRequestContext>, core: AgentCore) {
        AgentRoutes.get(router, path) { _, _ in
            AgentRoutes.body(json(core.alertRules(), counts: core.alertCounts()), contentType: "application/json")
        }
        router.post(RouterPath(checkPath)) { request, _ in
            let body: ByteBuffer
            switch await AgentRoutes.collectBody(request, limit: maxBody, what: "the rule set") {
            case let .read(bytes): body = bytes
            case let .refused(response): return response
            }
            let text = String(buffer: body)
            guard !text.unicodeScalars.allSatisfy({ [" ", "\t", "\r", "\n"].contains($0) }) else {
                return AgentRoutes.jsonError("send the rules in the body: YAML or JSON, as in the configuration file (alerts: {rules: [...]}) or the alerts section alone (rules: [...])", status: .badRequest)
            }
            // Sent as JSON, it must be JSON of a rule set's shape; YAML's own problems are the
            // answer only for YAML (libyaml reads JSON, but not every escape JSON allows).
            if request.headers[.contentType]?.hasPrefix("application/json") == true {
                guard let json = try? JSONSerialization.jsonObject(with: Data(buffer: body)) else {
                    return AgentRoutes.jsonError("the body is not JSON (send YAML as application/yaml)", status: .badRequest)
                }
                if let problem = RuleSetCheck.shapeProblem(json: json) { return AgentRoutes.jsonError(problem, status: .badRequest) }
            } else if let problem = RuleSetCheck.shapeProblem(text) {
                return AgentRoutes.jsonError(problem, status: .badRequest)
            }
            return AgentRoutes.body(checkJSON(RuleSetCheck.check(text)), contentType: "application/json")
        }
    }

    /// Where a rule comes from.
    static func origin(_ rule: AlertRule) -> String {
        guard let shipped = DefaultAlertRules.rules.first(where: { $0.name == rule.name }) else { return "file" }
        return shipped == rule ? "default" : "file, replacing the default"
    }

    static func json(_ rules: [AlertRule], counts: [String: (pending: Int, firing: Int)]) -> String {
        AgentJSON.success { w in
            w.beginObject()
            w.key("rules")
            w.beginArray()
            for rule in rules {
                w.beginObject()
                w.key("name"); w.string(rule.name)
                w.key("expr"); w.string(rule.expr.description)
                w.field("for_seconds", rule.holdFor)
                w.field("keep_firing_for_seconds", rule.keepFiringFor)
                w.field("clear", rule.clear)
                w.field("cooldown_seconds", rule.cooldown)
                w.key("severity"); w.string(rule.severity.rawValue)
                w.key("labels"); w.object(rule.labels)
                w.field("summary", rule.summary)
                w.field("description", rule.description)
                w.key("origin"); w.string(origin(rule))
                let count = counts[rule.name] ?? (0, 0)
                w.field("pending", Int64(count.pending))
                w.field("firing", Int64(count.firing))
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
    }

    static func checkJSON(_ outcome: RuleSetCheck.Outcome) -> String {
        AgentJSON.success { w in
            w.beginObject()
            w.key("valid"); w.bool(!outcome.problems.contains { $0.severity == .error })
            w.field("rules", Int64(outcome.rules))
            w.key("problems")
            w.beginArray()
            for problem in outcome.problems {
                w.beginObject()
                let position = RuleSetCheck.position(problem)
                w.field("line", position.map { Double($0.line) })
                w.field("column", position.map { Double($0.column) })
                w.key("message"); w.string(problem.message)
                w.key("severity"); w.string(problem.severity == .error ? "error" : "warning")
                w.key("text"); w.string(problem.description)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
    }
}
