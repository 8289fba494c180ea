import AlertDelivery
import Exposition
import Hummingbird
import SeriesStore
import VitalsCore

/// The paths the clients of the system vitals grew out of call, answering the same data as the
/// v1 paths: `/api/status`, `/api/alerts/history`, `/api/alerts/rules`, and
/// `/api/metrics/{cpu|memory|disk|network}`:
///
/// `{"metric":"cpu","unit":"percent","value":45.2,"time":"…","source":"host"}`, the newest tick's
/// figure as the web stream sends it (CPU busy, memory used, the root filesystem's Use% as `df`
/// counts it, network received plus sent in bytes a second without loopback, with `rx` and `tx`).
/// `?range=1h` adds `history`: `points` (1 to 1000, default 60) of `{"time","value"}` over that
/// span, each the mean of the slice centred on its time, the last on the newest tick (null where
/// nothing was recorded).
enum LegacyRoutes {
    static let metrics = ["cpu", "memory", "disk", "network"]
    static let paths = ["/api/status", "/api/alerts/history", "/api/alerts/rules"] + metrics.map { "/api/metrics/" + $0 }

    static func add(to router: Router<AgentRequestContext>, core: AgentCore, settings: AgentRoutes.Settings) {
        AgentRoutes.get(router, "/api/status") { _, _ in StatusRoute.answer(core: core, settings: settings) }
        AgentRoutes.get(router, "/api/alerts/history") { request, _ in AlertHistoryRoute.answer(request, core: core) }
        AgentRoutes.get(router, "/api/alerts/rules") { _, _ in
            AgentRoutes.body(AlertRulesRoute.json(core.alertRules(), counts: core.alertCounts()), contentType: "application/json")
        }
        for metric in metrics {
            AgentRoutes.get(router, "/api/metrics/" + metric) { request, _ in
                let query = request.uri.queryParameters
                return answer(metric, core: core, range: query["range"].map(String.init), points: query["points"].map(String.init))
            }
        }
    }

    static func answer(_ metric: String, core: AgentCore, range: String?, points: String?) -> Response {
        var span: Double?
        if let range {
            guard let seconds = AgentRoutes.parseSpan(range), seconds > 0, seconds <= 366 * 86_400 else {
                return AgentRoutes.jsonError("range must be a duration such as 15m, 6h or 30d, at most 366d", status: .badRequest)
            }
            span = seconds
        }
        var count = 60
        if let points {
            guard let n = Int(points), (1...1000).contains(n) else { return AgentRoutes.jsonError("points must be 1 to 1000", status: .badRequest) }
            count = n
        }
        guard let snapshot = core.pipeline.read({ $0.snapshot }) else { return AgentRoutes.jsonError("no snapshot yet", status: .serviceUnavailable) }
        guard let figure = current(metric, snapshot) else {
            return AgentRoutes.jsonError("no \(metric) figure on this host yet", status: .serviceUnavailable)
        }
        var w = JSONWriter()
        w.beginObject()
        w.key("metric"); w.string(metric)
        w.key("unit"); w.string(figure.unit)
        w.field("value", WebStreamMessages.twoDecimals(figure.value))
        for (name, value) in figure.parts { w.field(name, WebStreamMessages.twoDecimals(value)) }
        w.key("time"); w.string(RFC3339.format(snapshot.time))
        w.key("source"); w.string("host")
        if let span {
            w.key("history")
            w.beginArray()
            // Slices centred on their times, the last on the newest tick's.
            let step = span / Double(count)
            let from = snapshot.time - span + step / 2
            for (i, value) in history(metric, snapshot, core: core, from: from, to: from + span, points: count).enumerated() {
                w.beginObject()
                w.key("time"); w.string(RFC3339.format(from + step * (Double(i) + 0.5)))
                w.field("value", value.map(WebStreamMessages.twoDecimals))
                w.endObject()
            }
            w.endArray()
        }
        w.endObject()
        return AgentRoutes.body(w.output, contentType: "application/json")
    }

    /// The newest figure: its value, unit and parts.
    static func current(_ metric: String, _ s: Snapshot) -> (value: Double, unit: String, parts: [(String, Double)])? {
        switch metric {
        case "cpu":
            guard let busy = s.cpu?.usage?.busy else { return nil }
            return (busy * 100, "percent", [])
        case "memory":
            guard let m = s.memory, m.total > 0 else { return nil }
            return (Double(m.used) / Double(m.total) * 100, "percent", [])
        case "disk":
            return WebStreamMessages.rootFilesystem(s.filesystems ?? []).map { ($0.usedFraction * 100, "percent", []) }
        default:
            let interfaces = (s.network ?? []).filter { !$0.isLoopback }
            let rx = interfaces.compactMap(\.receiveBytesPerSecond), tx = interfaces.compactMap(\.transmitBytesPerSecond)
            guard !rx.isEmpty || !tx.isEmpty else { return nil }
            let r = rx.reduce(0, +), t = tx.reduce(0, +)
            return (r + t, "bytes_per_second", [("rx", r), ("tx", t)])
        }
    }

    /// The metric over `from...to` from the store's series, computed as `current` does.
    static func history(_ metric: String, _ s: Snapshot, core: AgentCore, from: Double, to: Double, points: Int) -> [Double?] {
        func means(_ name: String, _ matchers: [LabelMatcher] = []) -> [[Double?]] {
            core.series(name: name, matchers: matchers, from: from, to: to, points: points).results.map { $0.points.map { $0?.mean } }
        }
        func pointwise(_ series: [[Double?]], _ combine: ([Double]) -> Double?) -> [Double?] {
            (0..<points).map { i in
                let values = series.compactMap { i < $0.count ? $0[i] : nil }
                return values.count == series.count && !series.isEmpty ? combine(values) : nil
            }
        }
        switch metric {
        case "cpu":
            return pointwise(means("vitals_cpu_utilization_ratio")) { $0[0] * 100 }
        case "memory":
            return pointwise(means("vitals_memory_used_ratio")) { $0[0] * 100 }
        case "disk":
            guard let root = WebStreamMessages.rootFilesystem(s.filesystems ?? []) else { return Array(repeating: nil, count: points) }
            let on = [LabelMatcher("mountpoint", .equal, root.mount.mountPoint)]
            let parts = [means("node_filesystem_size_bytes", on).first, means("node_filesystem_free_bytes", on).first, means("node_filesystem_avail_bytes", on).first]
            guard parts.allSatisfy({ $0 != nil }) else { return Array(repeating: nil, count: points) }
            return pointwise(parts.compactMap { $0 }) { v in
                let used = v[0] - v[1]
                return used + v[2] > 0 ? used / (used + v[2]) * 100 : nil
            }
        default:
            let off = [LabelMatcher("device", .notEqual, "lo")]
            let series = means("vitals_network_receive_bytes_per_second", off) + means("vitals_network_transmit_bytes_per_second", off)
            return pointwise(series) { $0.reduce(0, +) }
        }
    }
}
