import AlertJournal
import Exposition
import VitalsCore

/// An episode of the alert history as JSON: what `vitals alerts --json` prints for each, and the
/// items of the agent's `/api/v1/alerts/history`. Keys in alphabetical order; times RFC 3339 (UTC).
public enum AlertRecordJSON {
    /// The records as one array, with a newline.
    public static func array(_ records: [AlertRecord]) -> String {
        var w = JSONWriter()
        w.beginArray()
        for r in records { write(r, into: &w) }
        w.endArray()
        return w.output + "\n"
    }

    public static func write(_ r: AlertRecord, into w: inout JSONWriter) {
        let i = r.instance
        w.beginObject()
        w.key("activeAt"); w.string(RFC3339.format(i.activeSince))
        w.key("fingerprint"); w.string(i.fingerprint)
        if let firedAt = i.firedAt { w.key("firedAt"); w.string(RFC3339.format(firedAt)) }
        w.key("labels"); w.object(i.labels.dictionary)
        if let notifiedAt = r.notifiedAt { w.key("notifiedAt"); w.string(RFC3339.format(notifiedAt)) }
        if let resolvedAt = i.resolvedAt { w.key("resolvedAt"); w.string(RFC3339.format(resolvedAt)) }
        w.key("rule"); w.string(i.rule)
        w.key("severity"); w.string(i.severity.rawValue)
        w.key("state"); w.string(i.phase.rawValue)
        w.key("transitions")
        w.beginArray()
        for t in r.transitions {
            w.beginObject()
            w.key("from"); w.string(t.from.rawValue)
            w.key("time"); w.string(RFC3339.format(t.time))
            w.key("to"); w.string(t.to.rawValue)
            w.endObject()
        }
        w.endArray()
        if let value = i.value, value.isFinite { w.key("value"); w.number(stored: value) }
        w.endObject()
    }
}
