import AlertDelivery
import Alerting
import ContainerRuntime
import Exposition
import SeriesStore
import VitalsCore

/// The JSON documents the API serves (besides the snapshot, which `vitals snapshot --json` shares).
enum AgentJSON {
    /// `{"name","from","to","step","series":[{"name","labels","points"}]}`; each point is
    /// `[time, min, max, mean]` (time at its start) or, with `fields=mean`, the mean alone; null for a gap.
    static func series(_ query: SeriesQuery, _ results: [(key: SeriesKey, points: [WindowPoint?])]) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.key("name"); w.string(query.name)
        w.key("from"); w.number(query.from)
        w.key("to"); w.number(query.to)
        w.key("step"); w.number(query.step)
        w.key("series")
        w.beginArray()
        for result in results {
            w.beginObject()
            w.key("name"); w.string(result.key.name)
            w.key("labels")
            w.beginObject()
            for label in result.key.labels { w.key(label.name); w.string(label.value) }
            w.endObject()
            w.key("points")
            w.beginArray()
            for (i, point) in result.points.enumerated() {
                if let point {
                    if query.meanOnly {
                        w.number(stored: point.mean)
                    } else {
                        w.beginArray()
                        w.number(query.from + Double(i) * query.step); w.number(stored: point.min); w.number(stored: point.max); w.number(stored: point.mean)
                        w.endArray()
                    }
                } else {
                    w.null()
                }
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.output
    }

    /// `{"status":"success","data":…}`, the data written by `data`: every JSON answer's envelope.
    static func success(_ data: (inout JSONWriter) -> Void) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.key("status"); w.string("success")
        w.key("data")
        data(&w)
        w.endObject()
        return w.output
    }

    /// Every collector: `name`, `healthy`, `problem` (its last run failed, as the terminal's status
    /// line counts one: a host without a container runtime is not one), `error`.
    static func collectors(_ health: [CollectorHealth], into w: inout JSONWriter) {
        w.beginArray()
        for h in health {
            w.beginObject()
            w.key("name"); w.string(h.name)
            w.key("healthy"); w.bool(h.isHealthy)
            w.key("problem"); w.bool(h.lastRunFailed && !EngineError.isAbsentRuntime(h))
            w.field("error", h.lastError)
            w.endObject()
        }
        w.endArray()
    }

    /// Prometheus' /api/v1/alerts shape: {"status":"success","data":{"alerts":[…]}}.
    static func alerts(_ instances: [AlertInstance], rules: [AlertRule], host: String) -> String {
        let byName = Dictionary(rules.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        return success { w in
            w.beginObject()
            w.key("alerts")
            w.beginArray()
            for instance in instances {
                w.beginObject()
                w.key("labels")
                w.beginObject()
                for pair in instance.labels.pairs { w.key(pair.name); w.string(pair.value) }
                w.endObject()
                w.key("annotations")
                w.beginObject()
                if let summary = byName[instance.rule]?.summary { w.key("summary"); w.string(AlertTemplate.render(summary, instance: instance, host: host)) }
                if let description = byName[instance.rule]?.description { w.key("description"); w.string(AlertTemplate.render(description, instance: instance, host: host)) }
                w.endObject()
                w.key("state"); w.string(instance.phase == .pending ? "pending" : instance.phase == .noData ? "nodata" : "firing")
                w.key("activeAt"); w.string(RFC3339.format(instance.activeSince))
                w.key("value"); w.string(instance.value.map { PrometheusText.number($0) } ?? "")
                w.key("fingerprint"); w.string(instance.fingerprint)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
    }
}
