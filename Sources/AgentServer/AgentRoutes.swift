import Exposition
import Foundation
import Hummingbird
import SeriesStore
import VitalsCore

/// The agent's routes. Every handler reads what the collection thread already gathered: no
/// /proc read happens on a request.
///
/// - `GET /metrics`: Prometheus text 0.0.4, or OpenMetrics 1.0 when the Accept header asks.
/// - `GET /api/v1/snapshot`: the document `vitals snapshot --json` prints.
/// - `GET /api/v1/series?name=&match=&range=&points=` (or `from=&to=`, `name=*`, `fields=mean`):
///   points from the store's tiers (see `SeriesQuery`).
/// - `GET /api/v1/alerts`: pending and firing alerts, in Prometheus' shape.
/// - `GET /api/v1/status`, `/api/v1/alerts/history`, `/api/v1/alerts/rules`,
///   `POST /api/v1/alerts/rules/check`: `StatusRoute`, `AlertHistoryRoute`, `AlertRulesRoute`;
///   silences (`GET`, `POST /api/v1/silences`, `DELETE /api/v1/silences/{id}`): `SilenceRoutes`;
///   the older clients' paths: `LegacyRoutes`.
/// - `GET /healthz` (the process answers), `GET /readyz` (a snapshot has been taken).
/// - `GET /` and `/assets/…`: the web page (`WebPage`).
///
/// Each path answers HEAD as GET without the body, and any other method with 405 and `Allow`.
/// Every request but /healthz and /readyz counts against its address's rate limit, checked
/// before the key (a client guessing keys is slowed down too).
public enum AgentRoutes {
    static let paths = ["/healthz", "/readyz", "/metrics", "/api/v1/snapshot", "/api/v1/series", "/api/v1/alerts"]

    /// What the routes need beside the record: how they are guarded, and what the status reports.
    public struct Settings: Sendable {
        public var apiKey: String?
        /// Writes (silences) refused with 403.
        public var readOnly: Bool
        public var rateLimiter: RateLimiter?
        /// The stream's clients, for the status.
        public var hub: StreamHub?

        public init(apiKey: String? = nil, readOnly: Bool = false, rateLimiter: RateLimiter? = nil, hub: StreamHub? = nil) {
            self.apiKey = apiKey
            self.readOnly = readOnly
            self.rateLimiter = rateLimiter
            self.hub = hub
        }
    }

    public static func router(core: AgentCore, apiKey: String?) -> Router<AgentRequestContext> {
        router(core: core, settings: Settings(apiKey: apiKey))
    }

    public static func router(core: AgentCore, settings: Settings) -> Router<AgentRequestContext> {
        let router = Router(context: AgentRequestContext.self)
        let largeAnswers = LargeAnswers()
        if let limiter = settings.rateLimiter { router.add(middleware: RateLimitMiddleware(limiter: limiter)) }
        if let apiKey = settings.apiKey { router.add(middleware: APIKeyMiddleware(key: Array(apiKey.utf8))) }
        get(router, "/healthz") { _, _ in text("ok\n") }
        WebPage.add(to: router)
        get(router, "/readyz") { _, _ in
            core.isReady ? text("ready\n") : text("no snapshot yet\n", status: .serviceUnavailable)
        }
        get(router, "/metrics") { request, _ in
            let format = PrometheusText.Format.negotiated(accept: request.headers[.accept])
            guard let page = core.metrics(format) else { return text("no snapshot yet\n", status: .serviceUnavailable) }
            return body(page, contentType: format.contentType)
        }
        get(router, "/api/v1/snapshot") { _, _ in
            guard let json = core.snapshotJSON() else { return jsonError("no snapshot yet", status: .serviceUnavailable) }
            return body(json, contentType: "application/json")
        }
        get(router, "/api/v1/series") { request, _ in
            let query = request.uri.queryParameters
            switch SeriesQuery.parse(query: { query[Substring($0)].map(String.init) }, latest: core.latestTime ?? Date().timeIntervalSince1970) {
            case let .failure(error):
                return jsonError(error.message, status: .badRequest)
            case let .success(q):
                let count = core.seriesCount(name: q.name, matchers: q.matchers)
                let answer = count * q.points > SeriesQuery.maxValues ? nil : await largeAnswers.build(values: count * q.points) {
                    // nil: the series grew past the limit since they were counted.
                    let (now, results) = core.series(
                        name: q.name, matchers: q.matchers, from: q.from, to: q.to, points: q.points, maxValues: SeriesQuery.maxValues
                    )
                    return now * q.points <= SeriesQuery.maxValues ? AgentJSON.series(q, results) : nil
                }
                guard let answer else {
                    return jsonError(
                        "\(count) series × \(q.points) points is more than \(SeriesQuery.maxValues) values: ask fewer points or name one metric",
                        status: .badRequest
                    )
                }
                return body(answer, contentType: "application/json")
            }
        }
        get(router, "/api/v1/alerts") { _, _ in
            body(AgentJSON.alerts(core.alerts(), rules: core.alertRules(), host: core.host), contentType: "application/json")
        }
        // The stream's path over plain HTTP: the key is checked first (401, as on the handshake);
        // a request that is not a WebSocket handshake is told so.
        let streams = ["/api/v1/stream"] + StreamRoute.webPaths
        for path in streams {
            get(router, path) { _, _ in
                var response = jsonError("\(path) is a WebSocket: connect with a WebSocket client (Upgrade: websocket)", status: .upgradeRequired)
                response.headers[.upgrade] = "websocket"
                response.headers[.connection] = "Upgrade"
                return response
            }
        }
        StatusRoute.add(to: router, core: core, settings: settings)
        AlertHistoryRoute.add(to: router, core: core)
        AlertRulesRoute.add(to: router, core: core)
        LegacyRoutes.add(to: router, core: core, settings: settings)
        SilenceRoutes.add(to: router, core: core, settings: settings)
        OpenAPIRoute.add(to: router)
        for path in paths + streams + WebPage.assets.map(\.path) + StatusRoute.paths + AlertHistoryRoute.paths + AlertRulesRoute.paths + LegacyRoutes.paths + [OpenAPIRoute.path] {
            refuseOtherMethods(router, path, allowed: [.get, .head])
        }
        refuseOtherMethods(router, AlertRulesRoute.checkPath, allowed: [.post])
        return router
    }

    /// 405 with `Allow` for every method but `allowed` on `path`.
    static func refuseOtherMethods(_ router: Router<AgentRequestContext>, _ path: String, allowed: [HTTPRequest.Method]) {
        let allow = allowed.map(\.rawValue).joined(separator: ", ")
        // QUERY: the safe method with a body, new enough that clients probe for it.
        let all: [HTTPRequest.Method] = [.get, .head, .post, .put, .delete, .patch, .options, .trace, .connect, HTTPRequest.Method("QUERY")!]
        for method in all where !allowed.contains(method) {
            router.on(RouterPath(path), method: method) { _, _ in
                var response = jsonError("\(method) is not allowed on \(path); use \(allow)", status: .methodNotAllowed)
                response.headers[.allow] = allow
                return response
            }
        }
    }

    /// `path` for GET, and for HEAD: the same status and headers, no body.
    static func get(
        _ router: Router<AgentRequestContext>, _ path: String,
        _ handler: @escaping @Sendable (Request, AgentRequestContext) async throws -> Response
    ) {
        router.get(RouterPath(path), use: handler)
        router.head(RouterPath(path)) { request, context in
            var response = try await handler(request, context)
            let length = response.body.contentLength
            response.body = .init()
            if let length { response.headers[.contentLength] = "\(length)" }
            return response
        }
    }

    static func body(_ text: String, contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// The request's body, or the 413 that answers one over `limit` (the connection then closes:
    /// the rest of the body would be read as the next request's head).
    enum Body {
        case read(ByteBuffer)
        case refused(Response)
    }

    static func collectBody(_ request: Request, limit: Int, what: String) async -> Body {
        do {
            return .read(try await request.body.collect(upTo: limit))
        } catch {
            let size = limit >= 1 << 20 ? "\(limit >> 20) MiB" : "\(limit >> 10) KiB"
            var response = jsonError("\(what) is larger than \(size)", status: .contentTooLarge)
            response.headers[.connection] = "close"
            return .refused(response)
        }
    }

    /// `20`, `2.5`: a setting's number in a message.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    static func text(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        body(text, contentType: "text/plain; charset=utf-8", status: status)
    }

    static func jsonError(_ message: String, status: HTTPResponse.Status) -> Response {
        var w = JSONWriter()
        w.beginObject()
        w.key("status"); w.string("error")
        w.key("error"); w.string(message)
        w.endObject()
        return body(w.output, contentType: "application/json", status: status)
    }

    /// `device="sda",mode!="idle"`, in braces or not: a label name (`[a-zA-Z_][a-zA-Z0-9_]*`),
    /// `=` or `!=`, a value in double quotes (no quote inside), separated by commas, no spaces. The
    /// OpenAPI document gives the same grammar as a pattern; anything else is refused.
    package static func parseMatchers(_ text: String) -> Result<[LabelMatcher], QueryError> {
        let usage = "match: give name=\"value\" or name!=\"value\", separated by commas (device=\"sda\",mode!=\"idle\")"
        var bytes = Array(text.utf8)[...]
        if bytes.first == UInt8(ascii: "{"), bytes.last == UInt8(ascii: "}"), bytes.count >= 2 { bytes = bytes.dropFirst().dropLast() }
        guard !bytes.isEmpty else { return .failure(QueryError(message: "match is empty: leave it out, or " + usage.dropFirst(7))) }
        func nameByte(_ b: UInt8, first: Bool) -> Bool {
            (65...90).contains(b) || (97...122).contains(b) || b == 95 || (!first && (48...57).contains(b))
        }
        var out: [LabelMatcher] = []
        var i = bytes.startIndex
        while true {
            let start = i
            while i < bytes.endIndex, nameByte(bytes[i], first: i == start) { i += 1 }
            guard i > start else { return .failure(QueryError(message: usage)) }
            let name = String(decoding: bytes[start..<i], as: UTF8.self)
            var op = LabelMatcher.Operator.equal
            if i < bytes.endIndex, bytes[i] == UInt8(ascii: "!") {
                op = .notEqual
                i += 1
            }
            guard i + 1 < bytes.endIndex, bytes[i] == UInt8(ascii: "="), bytes[i + 1] == UInt8(ascii: "\"") else { return .failure(QueryError(message: usage)) }
            i += 2
            let valueStart = i
            while i < bytes.endIndex, bytes[i] != UInt8(ascii: "\"") { i += 1 }
            guard i < bytes.endIndex else { return .failure(QueryError(message: "match: the value of \(name) has no closing quote")) }
            out.append(LabelMatcher(name, op, String(decoding: bytes[valueStart..<i], as: UTF8.self)))
            i += 1
            if i == bytes.endIndex { return .success(out) }
            guard bytes[i] == UInt8(ascii: ","), i + 1 < bytes.endIndex else { return .failure(QueryError(message: usage)) }
            i += 1
        }
    }

    package struct QueryError: Error {
        package var message: String
    }

    /// A span parameter (`range`): a duration with its unit, `90s`, `15m`, `6h`, `30d`.
    static func parseSpan(_ text: String) -> Double? {
        guard text.last?.isLetter == true else { return nil }
        return parseDuration(text)
    }

    /// `90s`, `15m`, `6h`, `30d` (a bare number: seconds).
    static func parseDuration(_ text: String) -> Double? {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400), ("w", 604_800)]
        for (suffix, size) in units where text.hasSuffix(suffix) {
            if let n = Double(text.dropLast(suffix.count)) { return n * size }
        }
        return Double(text)
    }
}
