import AlertDelivery
import AlertJournal
import Alerting
import Exposition
import VitalsCore

/// `vitals alerts --outbox`: each notification and how its delivery stands, newest first; the
/// answer to "did the page go out, and if not, why not".
enum OutboxListing {
    /// Aligned columns; the last is the error that stopped a delivery, or the alert's labels.
    static func table(_ records: [OutboxRecord]) -> String {
        guard !records.isEmpty else { return "no notifications match\n" }
        var rows = [["QUEUED", "NOTIFIER", "DELIVERY", "TRIES", "WHEN", "RULE", "STATUS", "ERROR OR LABELS"]]
        for r in records {
            let when: Double? = switch r.state {
            case .delivered: r.deliveredAt
            case .givenUp: r.givenUpAt
            case .waiting, .retrying: r.nextAttempt
            }
            let last = r.lastError.map { "error: " + $0 } ?? AlertLabels(r.labels).detail
            // The error text came from a remote server or a command: no byte of it drives the terminal.
            rows.append([
                AlertsCommand.local(r.queuedAt), r.notifier, r.state.rawValue, String(r.attempts), AlertsCommand.local(when), r.rule, r.status, last,
            ].map(TextSanitizer.sanitize))
        }
        return AlignedColumns.render(rows)
    }

    /// One array, an object per notification, keys in alphabetical order, times RFC 3339 (UTC); a
    /// field with no value is left out.
    static func json(_ records: [OutboxRecord]) -> String {
        var w = JSONWriter()
        w.beginArray()
        for r in records {
            w.beginObject()
            w.key("attempts"); w.number(Int64(r.attempts))
            if let at = r.deliveredAt { w.key("deliveredAt"); w.string(RFC3339.format(at)) }
            if let at = r.givenUpAt { w.key("givenUpAt"); w.string(RFC3339.format(at)) }
            w.key("labels"); w.object(r.labels)
            if let error = r.lastError { w.key("lastError"); w.string(error) }
            if r.state == .waiting || r.state == .retrying { w.key("nextAttemptAt"); w.string(RFC3339.format(r.nextAttempt)) }
            w.key("notifier"); w.string(r.notifier)
            w.key("queuedAt"); w.string(RFC3339.format(r.queuedAt))
            w.key("rule"); w.string(r.rule)
            w.key("state"); w.string(r.state.rawValue)
            w.key("status"); w.string(r.status)
            w.endObject()
        }
        w.endArray()
        return w.output + "\n"
    }
}
