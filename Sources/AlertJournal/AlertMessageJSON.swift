import Alerting
import Exposition

/// An outbox message as JSON: `AlertMessage`'s Codable keys, sorted, nil fields left out (as
/// Foundation's `JSONEncoder` with `.sortedKeys` writes them, so `JSONDecoder` reads them back on
/// the delivery side). Written here without Foundation.
public enum AlertMessageJSON {
    public static func encode(_ m: AlertMessage) -> String {
        var w = JSONWriter()
        w.beginObject()
        if let condition = m.condition { w.key("condition"); w.string(condition) }
        w.key("description"); w.string(m.description)
        if let endsAt = m.endsAt { w.key("endsAt"); w.number(endsAt) }
        w.key("fingerprint"); w.string(m.fingerprint)
        w.key("host"); w.string(m.host)
        w.key("key"); w.string(m.key)
        w.key("labels"); w.object(m.labels)
        w.key("rule"); w.string(m.rule)
        w.key("severity"); w.string(m.severity.rawValue)
        w.key("startsAt"); w.number(m.startsAt)
        w.key("status"); w.string(m.status.rawValue)
        w.key("summary"); w.string(m.summary)
        if let threshold = m.threshold, threshold.isFinite { w.key("threshold"); w.number(stored: threshold) }
        // A value that is not a number (NaN) is left out, as nil is: JSON has no NaN.
        if let value = m.value, value.isFinite { w.key("value"); w.number(stored: value) }
        w.endObject()
        return w.output
    }
}
