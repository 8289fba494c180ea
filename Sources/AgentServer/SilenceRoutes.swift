import AlertDelivery
import Alerting
import Exposition
import Foundation
import Hummingbird
import Synchronization

/// Silences over the API: the same ones as the dashboard's `a` list, kept in alerts.sqlite.
///
/// - `GET /api/v1/silences`: those running, then the newest ended ones (100 at most).
/// - `POST /api/v1/silences`: `{"matchers": …, "duration": "2h", "comment": "…", "created_by": "…"}`
///   where `matchers` is Alertmanager's text (`alertname="load-high",host=~"db.*"`) or a list of
///   `{"name","op","value"}` (all three required) (`op` `=`, `!=`, `=~`, `!~`; a regular expression matches the whole
///   value); `duration` is a duration (`90m`) or whole seconds, from a minute to 366 days; `comment`
///   and `created_by` are required (who silenced what, and why, is what a silence is read for later).
///   201 with the silence and `Location`. At most 1,000 run at once.
/// - `DELETE /api/v1/silences/{id}`: ends it now; 404 when none by that id runs.
///
/// Writes need the key when one is set (as every path does) and are refused with 403 on a
/// read-only agent (`server.read_only`); a request the agent cannot read gets 400 saying why.
enum SilenceRoutes {
    static let path = "/api/v1/silences"
    static let maxRunning = 1000
    static let maxBody = 64 << 10

    struct Request: Decodable {
        var matchers: Matchers?
        var duration: Duration?
        var comment: String?
        var createdBy: String?

        enum CodingKeys: String, CodingKey {
            case matchers, duration, comment
            case createdBy = "created_by"
        }

        enum Matchers: Decodable {
            case text(String)
            case list([Item])

            struct Item: Decodable {
                var name: String
                var op: String
                var value: String
            }

            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let text = try? container.decode(String.self) { self = .text(text) } else { self = .list(try container.decode([Item].self)) }
            }
        }

        enum Duration: Decodable {
            case text(String)
            case seconds(Double)

            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let seconds = try? container.decode(Double.self) { self = .seconds(seconds) } else { self = .text(try container.decode(String.self)) }
            }
        }
    }

    static func add(to router: Router<AgentRequestContext>, core: AgentCore, settings: AgentRoutes.Settings) {
        AgentRoutes.get(router, path) { _, _ in
            AgentRoutes.body(listJSON(list(core), now: core.pipeline.clock()), contentType: "application/json")
        }
        router.post(RouterPath(path)) { request, _ in
            if settings.readOnly { return readOnly() }
            let body: ByteBuffer
            switch await AgentRoutes.collectBody(request, limit: maxBody, what: "a silence") {
            case let .read(bytes): body = bytes
            case let .refused(response): return response
            }
            let now = core.pipeline.clock()
            switch silence(from: Data(buffer: body), now: now) {
            case let .failure(error):
                return AgentRoutes.jsonError(error.message, status: .badRequest)
            case let .success(silence):
                let added = Mutex<String?>(nil)
                core.pipeline.withAlerts { service in
                    guard service.state.silences.filter({ $0.until > now }).count < maxRunning else {
                        added.withLock { $0 = "\(maxRunning) silences already run; end some first" }
                        return
                    }
                    service.add(silence)
                    added.withLock { $0 = "" }
                }
                switch added.withLock({ $0 }) {
                case nil: return AgentRoutes.jsonError("this agent evaluates no alerts", status: .serviceUnavailable)
                case let problem? where !problem.isEmpty: return AgentRoutes.jsonError(problem, status: .conflict)
                default:
                    var response = AgentRoutes.body(itemJSON(silence, now: now), contentType: "application/json", status: .created)
                    response.headers[.location] = path + "/" + silence.id
                    return response
                }
            }
        }
        router.delete(RouterPath(path + "/:id")) { _, context in
            if settings.readOnly { return readOnly() }
            let id = context.parameters.get("id") ?? ""
            let now = core.pipeline.clock()
            let ended = Mutex<AlertSilence?>(nil)
            core.pipeline.withAlerts { service in
                let silence = service.endSilence(id: id, now: now)
                ended.withLock { $0 = silence }
            }
            guard var silence = ended.withLock({ $0 }) else {
                return AgentRoutes.jsonError("no running silence has the id \(id)", status: .notFound)
            }
            silence.until = now
            return AgentRoutes.body(itemJSON(silence, now: now), contentType: "application/json")
        }
        AgentRoutes.refuseOtherMethods(router, path, allowed: [.get, .head, .post])
        AgentRoutes.refuseOtherMethods(router, path + "/:id", allowed: [.delete])
    }

    static func readOnly() -> Response {
        AgentRoutes.jsonError("this agent is read-only (server.read_only): silences cannot be made or ended here", status: .forbidden)
    }

    /// Running ones first (from the engine), then ended ones from the file, newest first.
    static func list(_ core: AgentCore) -> [AlertSilence] {
        let now = core.pipeline.clock()
        let running = core.pipeline.read { r in (r.alerts?.state.silences ?? []).filter { $0.until > now } }
        let recorded = (try? core.journal?.silences(limit: 100)) ?? []
        let ids = Set(running.map(\.id))
        return running.sorted { $0.from > $1.from } + recorded.filter { !ids.contains($0.id) && $0.until <= now }
    }

    /// The request's silence, starting `now`.
    static func silence(from body: Data, now: Double) -> Result<AlertSilence, AgentRoutes.QueryError> {
        func fail(_ message: String) -> Result<AlertSilence, AgentRoutes.QueryError> { .failure(AgentRoutes.QueryError(message: message)) }
        let request: Request
        do {
            request = try JSONDecoder().decode(Request.self, from: body)
        } catch {
            return fail("send a JSON object: {\"matchers\": \"alertname=\\\"load-high\\\"\", \"duration\": \"2h\", \"comment\": \"why\", \"created_by\": \"who\"}")
        }
        var matchers: [AlertMatcher] = []
        do {
            switch request.matchers {
            case nil: return fail("matchers is required: which alerts to silence")
            case let .text(text)?: matchers = try AlertMatcherParser.parse(text)
            case let .list(items)?:
                for item in items {
                    guard let op = AlertMatcher.Operator(rawValue: item.op) else { return fail("matcher \(item.name): op must be =, !=, =~ or !~") }
                    matchers.append(try AlertMatcher(name: item.name, op: op, value: item.value))
                }
            }
        } catch {
            return fail("matchers: \(error)")
        }
        guard (1...20).contains(matchers.count) else { return fail("give 1 to 20 matchers") }
        if let empty = matchers.first(where: { $0.value.isEmpty }) {
            return fail("matcher \(empty.name): the value is empty (for a label that is missing, use \(empty.name)!~\".+\")")
        }
        // A silence that covers every alert (each matcher satisfied by the empty value) is refused:
        // it is a way to turn alerting off, which the configuration says, not a silence.
        guard !matchers.allSatisfy({ $0.matches(AlertLabels([:])) }) else {
            return fail("these matchers would silence every alert; name at least one label's value (alertname=\"…\")")
        }
        let seconds: Double?
        switch request.duration {
        case nil: return fail("duration is required (30m, 2h, 7d, or seconds)")
        case let .text(text)?: seconds = AgentRoutes.parseDuration(text)
        case let .seconds(s)?: seconds = s == s.rounded() ? s : nil
        }
        guard let seconds, seconds.isFinite, seconds >= 60, seconds <= 366 * 86_400 else { return fail("duration must be from 1m to 366d (whole seconds)") }
        let comment = request.comment ?? "", who = request.createdBy ?? ""
        guard (1...1000).contains(comment.unicodeScalars.count) else { return fail("comment is required (why), at most 1000 characters") }
        guard (1...200).contains(who.unicodeScalars.count) else { return fail("created_by is required (who), at most 200 characters") }
        let rule = matchers.first { $0.name == "alertname" && $0.op == .equal }?.value ?? ""
        return .success(AlertSilence(
            fingerprint: "", rule: rule, labels: matchers.map(\.text).joined(separator: ","), from: now, until: now + seconds,
            matchers: matchers, comment: comment, createdBy: who
        ))
    }

    static func listJSON(_ silences: [AlertSilence], now: Double) -> String {
        AgentJSON.success { w in
            w.beginObject()
            w.key("silences")
            w.beginArray()
            for s in silences { write(s, now: now, into: &w) }
            w.endArray()
            w.endObject()
        }
    }

    static func itemJSON(_ silence: AlertSilence, now: Double) -> String {
        AgentJSON.success { w in write(silence, now: now, into: &w) }
    }

    static func write(_ s: AlertSilence, now: Double, into w: inout JSONWriter) {
        w.beginObject()
        w.key("id"); w.string(s.id)
        w.key("state"); w.string(s.until > now ? "active" : "expired")
        w.key("matchers")
        w.beginArray()
        for m in s.matchers {
            w.beginObject()
            w.key("name"); w.string(m.name)
            w.key("op"); w.string(m.op.rawValue)
            w.key("value"); w.string(m.value)
            w.endObject()
        }
        w.endArray()
        // One alert's silence (the dashboard's `a` list): its fingerprint, rule and labels.
        w.field("fingerprint", s.fingerprint.isEmpty ? nil : s.fingerprint)
        w.key("rule"); w.string(s.rule)
        w.key("labels"); w.string(s.labels)
        w.key("starts_at"); w.string(RFC3339.format(s.from))
        w.key("ends_at"); w.string(RFC3339.format(s.until))
        w.key("comment"); w.string(s.comment)
        w.key("created_by"); w.string(s.createdBy)
        w.endObject()
    }
}
