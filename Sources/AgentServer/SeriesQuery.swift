import SeriesStore

/// `GET /api/v1/series`' query, checked.
///
/// - `name`: one metric, or `*` for every series the store holds (`vitals attach` fills a gap
///   with one request).
/// - `match`: label matchers, `device="sda",mode!="idle"`.
/// - The span: `range` (a duration back from the newest tick, default 1h), or `from` and `to` in
///   seconds since the epoch (`to` defaults to the newest tick).
/// - `points`: 1 to 10,000 (default 120).
/// - `fields=mean`: each point is its mean alone (a number or null), not `[time, min, max, mean]`:
///   a seventh of the bytes for a client that only draws.
package struct SeriesQuery {
    var name: String
    var matchers: [LabelMatcher]
    var from: Double
    var to: Double
    var points: Int
    var meanOnly: Bool

    /// The most values one answer carries (series × points): about 8 MB of JSON at `fields=mean`.
    static let maxValues = 1_000_000

    var step: Double { (to - from) / Double(max(1, points)) }

    package static func parse(query: (String) -> String?, latest: Double) -> Result<SeriesQuery, AgentRoutes.QueryError> {
        func fail(_ message: String) -> Result<SeriesQuery, AgentRoutes.QueryError> { .failure(AgentRoutes.QueryError(message: message)) }
        guard let name = query("name"), !name.isEmpty else { return fail("name is required: /api/v1/series?name=node_load1 (or name=* for every series)") }
        guard name == "*" || isMetricName(name) else { return fail("name \(name) is not a metric name ([a-zA-Z_:][a-zA-Z0-9_:]*) nor *") }
        let matchers: [LabelMatcher]
        switch query("match").map(AgentRoutes.parseMatchers) ?? .success([]) {
        case let .success(m): matchers = m
        case let .failure(error): return .failure(error)
        }
        guard let points = Int(query("points") ?? "120"), (1...10_000).contains(points) else { return fail("points must be 1 to 10000") }
        var to = latest
        if let text = query("to") {
            guard let t = Double(text), t.isFinite, t > 0 else { return fail("to must be seconds since the epoch, such as 1795300000") }
            to = t
        }
        let from: Double
        if let text = query("from") {
            guard query("range") == nil else { return fail("give range or from, not both") }
            guard let f = Double(text), f.isFinite, f > 0, f < to else { return fail("from must be seconds since the epoch, before to") }
            guard to - f <= 366 * 86_400 else { return fail("from…to spans at most 366 days") }
            from = f
        } else {
            guard let range = AgentRoutes.parseSpan(query("range") ?? "1h"), range > 0, range <= 366 * 86_400 else {
                return fail("range must be a duration such as 15m, 6h or 30d, at most 366d")
            }
            from = to - range
        }
        let fields = query("fields") ?? "all"
        guard fields == "all" || fields == "mean" else { return fail("fields must be all or mean") }
        return .success(SeriesQuery(name: name, matchers: matchers, from: from, to: to, points: points, meanOnly: fields == "mean"))
    }

    /// Prometheus' metric names: `[a-zA-Z_:][a-zA-Z0-9_:]*`.
    static func isMetricName(_ name: String) -> Bool {
        func letter(_ c: UInt8) -> Bool { (65...90).contains(c) || (97...122).contains(c) || c == 95 || c == 58 }
        let bytes = Array(name.utf8)
        guard let first = bytes.first, letter(first) else { return false }
        return bytes.allSatisfy { letter($0) || (48...57).contains($0) }
    }
}
