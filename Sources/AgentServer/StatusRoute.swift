import AlertDelivery
import Alerting
import Exposition
import Hummingbird
import VitalsCore

/// `GET /api/v1/status` (and `/api/status`): the agent at a glance, for scripts and the fleet's
/// checks. `{"status":"success","data":{…}}` with host, version and revision, start time and
/// uptime, interval and the newest tick, every collector's health (`problem` as the terminal's
/// status line counts one), alert counts by state, stream clients, the store's size, the history
/// file's state (`writing`, `reading` while another vitals writes it, `off`), the rate limit and
/// whether the API is read-only.
enum StatusRoute {
    static let path = "/api/v1/status"
    static let paths = [path]

    static func add(to router: Router<AgentRequestContext>, core: AgentCore, settings: AgentRoutes.Settings) {
        AgentRoutes.get(router, path) { _, _ in answer(core: core, settings: settings) }
    }

    static func answer(core: AgentCore, settings: AgentRoutes.Settings) -> Response {
        AgentRoutes.body(json(core: core, settings: settings, now: core.pipeline.clock()), contentType: "application/json")
    }

    static func json(core: AgentCore, settings: AgentRoutes.Settings, now: Double) -> String {
        let facts = core.statusFacts(now: now)
        let history = core.pipeline.history
        return AgentJSON.success { w in
            w.beginObject()
            w.key("host"); w.string(core.host)
            w.key("version"); w.string(VitalsVersion.current)
            w.key("revision"); w.string(VitalsVersion.revision)
            w.key("started_at"); w.string(RFC3339.format(core.startedAt))
            w.field("uptime_seconds", max(0, (now - core.startedAt).rounded()))
            w.field("interval_seconds", core.pipeline.configuredInterval)
            w.field("last_tick", facts.latest.map(RFC3339.format))
            w.field("ticks", Int64(facts.ticks))
            w.key("collectors")
            AgentJSON.collectors(facts.health, into: &w)
            w.key("alerts")
            w.beginObject()
            w.field("rules", Int64(facts.rules))
            for phase in [AlertPhase.pending, .firing, .noData] {
                w.field(phase.rawValue, Int64(facts.phases.filter { $0 == phase }.count))
        }
        w.field("silenced", Int64(facts.silenced))
        w.endObject()
        w.key("stream_clients"); w.number(Int64(settings.hub?.count ?? 0))
        w.key("stream_client_limit"); w.number(Int64(settings.hub?.maxClients ?? 0))
        w.key("store")
        w.beginObject()
        w.field("bytes", Int64(facts.storeBytes))
        w.field("series", Int64(facts.storeSeries))
        w.endObject()
        w.key("history")
        w.beginObject()
        switch history?.mode {
        case .writer?: w.key("state"); w.string("writing")
        case .reader?: w.key("state"); w.string("reading")
        case nil: w.key("state"); w.string("off")
        }
        w.field("path", history?.path)
        if case let .reader(holder)? = history?.mode { w.field("holder_pid", holder) } else { w.field("holder_pid", nil as String?) }
        w.field("last_error", history?.lastError)
        w.endObject()
        w.key("rate_limit")
        if let limiter = settings.rateLimiter, limiter.settings.rate > 0 {
            w.beginObject()
            w.field("requests_per_second", limiter.settings.rate)
            w.field("burst", limiter.settings.burst)
            w.field("refused", Int64(limiter.refused))
            w.endObject()
        } else {
            w.null()
        }
        w.key("read_only"); w.bool(settings.readOnly)
        w.endObject()
        }
    }
}
