import AlertDelivery
import Alerting
import Exposition
import SeriesStore
import VitalsCore

/// The stream's messages. Per tick one frame: a JSON array of `{"type":"system_metric","data":
/// {"time","metric_type","value","source","meta":{"unit","labels"}}}` items, one per series, plus
/// `{"type":"alert",…}` items for the tick's alert transitions and `{"type":"collector_status",…}`
/// items for collectors whose health changed, and one `{"type":"processes","data":{"time",
/// "processes":[{"pid","name","user","cpu_percent","resident_bytes","io_bytes_per_second"}]}}` with
/// the tick's heaviest processes (the union of the ten heaviest by CPU, memory and I/O, as time
/// travel keeps them; `vitals attach` draws its process pane from it). On connect, one
/// `{"type":"snapshot","data":…}`.
enum StreamMessages {
    /// The heaviest processes per order (CPU, memory, I/O) in each tick's `processes` item.
    static let processesPerOrder = 10

    static func snapshot(_ snapshotJSON: String) -> String {
        "{\"type\":\"snapshot\",\"data\":" + snapshotJSON + "}"
    }

    /// To a client turned away: why, before the close frame that says it again.
    static func refused(_ reason: String) -> String { withReason("refused", reason) }

    /// `{"type":TYPE,"data":{"reason":REASON}}`: a refusal here, an error on the web stream.
    static func withReason(_ type: String, _ reason: String) -> String {
        message(type) { w in w.key("reason"); w.string(reason) }
    }

    /// `{"type":TYPE,"data":{…}}`, the data's fields written by `data`: every message's envelope.
    static func message(_ type: String, data: (inout JSONWriter) -> Void) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.key("type"); w.string(type)
        w.key("data")
        w.beginObject()
        data(&w)
        w.endObject()
        w.endObject()
        return w.output
    }

    static func tick(
        _ snapshot: Snapshot, samples: [Sample], transitions: [AlertTransition], health: [CollectorHealth], source: String,
        containers: [ContainerStatusTracker.Status] = []
    ) -> String {
        let time = RFC3339.format(snapshot.time)
        var w = JSONWriter()
        w.beginArray()
        containerStatuses(containers, time: time, into: &w)
        for sample in samples {
            w.beginObject()
            w.key("type"); w.string("system_metric")
            w.key("data")
            w.beginObject()
            w.key("time"); w.string(time)
            w.key("metric_type"); w.string(sample.key.name)
            w.key("value"); w.number(sample.value)
            w.key("source"); w.string(source)
            w.key("meta")
            w.beginObject()
            w.key("unit"); w.string(unit(of: sample.key.name))
            if !sample.key.labels.isEmpty {
                w.key("labels")
                w.beginObject()
                for label in sample.key.labels { w.key(label.name); w.string(label.value) }
                w.endObject()
            }
            w.key("kind"); w.string(sample.kind.rawValue)
            w.endObject()
            w.endObject()
            w.endObject()
        }
        if snapshot.processes != nil { processesItem(snapshot, time: time, into: &w) }
        for transition in transitions { alertItem(transition, into: &w) }
        for h in health {
            w.beginObject()
            w.key("type"); w.string("collector_status")
            w.key("data")
            w.beginObject()
            w.key("time"); w.string(time)
            w.key("collector"); w.string(h.name)
            w.key("healthy"); w.bool(h.isHealthy)
            w.field("error", h.lastError)
            w.endObject()
            w.endObject()
        }
        w.endArray()
        return w.output
    }

    /// `{"type":"container_status","data":{"container":"redis","status":"exited","time":…,…}}`
    /// for each container given (the seed's shape, with its health, exit code and image beside).
    static func containerStatuses(_ statuses: [ContainerStatusTracker.Status], time: String, into w: inout JSONWriter) {
        for c in statuses { containerStatus(c, time: time, into: &w) }
    }

    static func containerStatus(_ c: ContainerStatusTracker.Status, time: String, into w: inout JSONWriter) {
        w.beginObject()
        w.key("type"); w.string("container_status")
        w.key("data")
        w.beginObject()
        w.key("container"); w.string(c.name)
        w.key("status"); w.string(c.status)
        w.key("time"); w.string(time)
        w.field("health", c.health)
        w.key("exit_code"); w.number(Int64(c.exitCode))
        w.key("image"); w.string(c.image)
        w.endObject()
        w.endObject()
    }

    /// `{"type":"processes","data":{"time","processes":[…]}}`: the tick's heaviest processes.
    static func processesItem(_ snapshot: Snapshot, time: String, into w: inout JSONWriter) {
        guard let processes = snapshot.processes else { return }
        w.beginObject()
        w.key("type"); w.string("processes")
        w.key("data")
        w.beginObject()
        w.key("time"); w.string(time)
        w.key("processes")
        w.beginArray()
        for p in TopProcessSelection.heaviest(samples: processes, perOrder: processesPerOrder) {
            w.beginObject()
            w.key("pid"); w.number(Int64(p.pid))
            w.key("name"); w.string(p.name)
            w.key("user"); w.string(p.user)
            w.key("cpu_percent"); w.number(p.cpuPercent)
            w.key("resident_bytes"); w.number(p.residentBytes)
            w.key("io_bytes_per_second"); w.number(p.ioBytesPerSecond)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        w.endObject()
    }

    /// `{"type":"alert","data":{"time","name","from","to","severity","value","fingerprint","labels"}}`.
    static func alertItem(_ transition: AlertTransition, into w: inout JSONWriter) {
        w.beginObject()
        w.key("type"); w.string("alert")
        w.key("data")
        w.beginObject()
        w.key("time"); w.string(RFC3339.format(transition.time))
        w.key("name"); w.string(transition.instance.rule)
        w.key("from"); w.string(transition.from.rawValue)
        w.key("to"); w.string(transition.to.rawValue)
        w.key("severity"); w.string(transition.instance.severity.rawValue)
        w.field("value", transition.instance.value)
        w.key("fingerprint"); w.string(transition.instance.fingerprint)
        w.key("labels")
        w.beginObject()
        for pair in transition.instance.labels.pairs { w.key(pair.name); w.string(pair.value) }
        w.endObject()
        w.endObject()
        w.endObject()
    }

    /// The frame after the snapshot on connect: every container's status (none without a runtime).
    static func containersOnConnect(_ reading: ContainerReading?, time: Double) -> String? {
        guard let reading, !reading.containers.isEmpty else { return nil }
        var w = JSONWriter()
        w.beginArray()
        containerStatuses(reading.containers.map(ContainerStatusTracker.status), time: RFC3339.format(time), into: &w)
        w.endArray()
        return w.output
    }

    /// The unit a Prometheus name ends with (`_bytes`, `_seconds`, `_ratio`…), "" when none.
    static func unit(of name: String) -> String {
        var base = Substring(name)
        if base.hasSuffix("_total") { base = base.dropLast(6) }
        for unit in ["bytes", "seconds", "ratio", "celsius", "hertz", "percent", "per_second", "pages_per_second", "cores"] where base.hasSuffix("_" + unit) {
            return unit == "pages_per_second" ? "pages/s" : unit == "per_second" ? "1/s" : unit
        }
        return ""
    }
}
