import Alerting

/// A plain-text mail for a sendmail-compatible program (`sendmail -oi -t` reads the recipients
/// from the headers), as cron and smartd send theirs.
public enum EmailFormat {
    public static func message(_ message: AlertMessage, from: String, to: [String]) -> String {
        let status = message.status == .firing ? "FIRING" : "RESOLVED"
        var lines = [
            "From: \(clean(from))",
            "To: \(to.map(clean).joined(separator: ", "))",
            "Subject: [vitals] \(status) \(message.severity.rawValue): \(clean(message.rule)) on \(clean(message.host))",
            "Date: \(RFC3339.rfc5322(message.endsAt ?? message.startsAt))",
            "Message-ID: <\(message.key)@\(clean(message.host))>",
            "Content-Type: text/plain; charset=utf-8",
            "Auto-Submitted: auto-generated",
            "",
            message.summary,
        ]
        if !message.description.isEmpty { lines += ["", message.description] }
        lines += ["", "status:   \(message.status.rawValue)", "severity: \(message.severity.rawValue)", "since:    \(RFC3339.format(message.startsAt))"]
        if let end = message.endsAt { lines.append("resolved: \(RFC3339.format(end))") }
        if let value = message.value { lines.append("value:    \(AlertTemplate.formatValue(value))") }
        for (name, value) in message.labels.sorted(by: { $0.key < $1.key }) { lines.append("label:    \(name)=\(value)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Header values cannot carry line breaks (no header injection through a label).
    static func clean(_ text: String) -> String {
        String(text.map { $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}
