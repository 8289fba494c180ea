import AlertDelivery
import AlertJournal
import Alerting
import Exposition
import Hummingbird
import VitalsCore

/// `GET /api/v1/alerts/history` (and `/api/alerts/history`): the episodes `vitals alerts --json`
/// prints, newest first, a page at a time.
///
/// - `state`: comma-separated phases (pending, firing, nodata, resolved, inactive);
/// - `rule`: one rule's;
/// - `since`, `until`: RFC 3339 or seconds since the epoch (episodes changed at or after `since`,
///   begun at or before `until`);
/// - `limit`: 1 to 1000 (default 100);
/// - `cursor`: the `next_cursor` of the page before (`null` on the last page).
///
/// An agent without a history file (`history.persist: false`) has no episodes: an empty page.
enum AlertHistoryRoute {
    static let path = "/api/v1/alerts/history"
    static let paths = [path]

    static func add(to router: Router<AgentRequestContext>, core: AgentCore) {
        AgentRoutes.get(router, path) { request, _ in answer(request, core: core) }
    }

    static func answer(_ request: Request, core: AgentCore) -> Response {
        let parameters = request.uri.queryParameters
        switch parse({ parameters[Substring($0)].map(String.init) }) {
        case let .failure(error):
            return AgentRoutes.jsonError(error.message, status: .badRequest)
        case let .success(filter):
            guard let journal = core.journal else { return AgentRoutes.body(json([], next: nil), contentType: "application/json") }
            // One more than a page: whether there is a next one.
            var asked = filter
            asked.limit += 1
            do {
                let records = try journal.history(asked)
                let page = Array(records.prefix(filter.limit))
                let next = records.count > filter.limit ? page.last.map(cursor) : nil
                return AgentRoutes.body(json(page, next: next), contentType: "application/json")
            } catch {
                return AgentRoutes.jsonError("\(error)", status: .serviceUnavailable)
            }
        }
    }

    static func parse(_ query: (String) -> String?) -> Result<AlertHistoryFilter, AgentRoutes.QueryError> {
        func fail(_ message: String) -> Result<AlertHistoryFilter, AgentRoutes.QueryError> { .failure(AgentRoutes.QueryError(message: message)) }
        var out = AlertHistoryFilter(limit: 100)
        if let text = query("state") {
            for word in text.split(separator: ",", omittingEmptySubsequences: false) {
                guard let phase = AlertPhase(rawValue: String(word)) else {
                    return fail("state: \(word) is not one of pending, firing, nodata, resolved, inactive")
                }
                out.states.append(phase)
            }
        }
        if let rule = query("rule") {
            guard !rule.isEmpty else { return fail("rule: give a rule's name") }
            out.rule = rule
        }
        for (name, keyPath) in [("since", \AlertHistoryFilter.since), ("until", \AlertHistoryFilter.until)] {
            guard let text = query(name) else { continue }
            guard let time = time(text) else { return fail("\(name): give an RFC 3339 time (2026-12-07T08:00:00Z) or seconds since the epoch") }
            out[keyPath: keyPath] = time
        }
        if let text = query("limit") {
            guard let limit = Int(text), (1...1000).contains(limit) else { return fail("limit must be 1 to 1000") }
            out.limit = limit
        }
        if let text = query("cursor") {
            guard let position = position(text) else { return fail("cursor: not one this agent gave (use next_cursor as it came)") }
            out.before = position
        }
        return .success(out)
    }

    /// RFC 3339, or seconds since the epoch (up to ten digits, a fraction of up to six).
    static func time(_ text: String) -> Double? {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let digits = parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
        if digits, parts[0].count <= 10, parts.count == 1 || parts[1].count <= 6 { return Double(text) }
        return RFC3339Parser.parse(text)
    }

    /// Where a page ends: the last episode's start (its bits, in hex) and row.
    static func cursor(_ record: AlertRecord) -> String {
        String(record.instance.activeSince.bitPattern, radix: 16) + "-" + String(record.id)
    }

    static func position(_ cursor: String) -> (activeSince: Double, id: Int64)? {
        let parts = cursor.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count <= 16, let bits = UInt64(parts[0], radix: 16), let id = Int64(parts[1]), id >= 0 else { return nil }
        let time = Double(bitPattern: bits)
        guard time.isFinite, time >= 0 else { return nil }
        return (time, id)
    }

    static func json(_ records: [AlertRecord], next: String?) -> String {
        AgentJSON.success { w in
            w.beginObject()
            w.key("alerts")
            w.beginArray()
            for r in records { AlertRecordJSON.write(r, into: &w) }
            w.endArray()
            w.field("next_cursor", next)
            w.endObject()
        }
    }
}
