import Alerting
import VitalsCore

/// An alert mail: multipart/alternative with a plain-text part and an HTML part, each listing the
/// notification's alerts (what fired, value, threshold, since when, host) and, when
/// `server.public_url` is set, a link to the agent's page. The same text goes to a
/// sendmail-compatible program (`sendmail -oi -t` reads the recipients from the headers) and over
/// SMTP. Lines end in LF; the SMTP client sends them as CRLF.
public enum EmailFormat {
    public static func message(_ message: AlertMessage, from: String, to: [String], link: String? = nil) -> String {
        self.message([message], from: from, to: to, link: link)
    }

    public static func message(_ messages: [AlertMessage], from: String, to: [String], link: String? = nil) -> String {
        guard let first = messages.first else { return "" }
        let key = NotificationGroups.key(messages)
        let boundary = "vitals-" + AlertLabels(["key": key]).fingerprint
        let headers = [
            "From: \(clean(from))",
            "To: \(to.map(clean).joined(separator: ", "))",
            "Subject: \(encodedWord(subject(messages)))",
            "Date: \(RFC3339.rfc5322(first.endsAt ?? first.startsAt))",
            "Message-ID: <\(key)@\(messageIDHost(first.host))>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
            "Auto-Submitted: auto-generated",
            "X-Vitals-Status: \(first.status.rawValue)",
        ]
        let parts = [("text/plain", text(messages, link: link)), ("text/html", html(messages, link: link))].map { type, body in
            "--\(boundary)\nContent-Type: \(type); charset=utf-8\nContent-Transfer-Encoding: base64\n\n\(Base64.lines(Array(body.utf8)))\n"
        }
        return headers.joined(separator: "\n") + "\n\nThis is a MIME message: a plain-text and an HTML version.\n\n" + parts.joined() + "--\(boundary)--\n"
    }

    /// `[vitals] FIRING critical: fs-full on db1`, or `FIRING:3` for a group of three.
    public static func subject(_ messages: [AlertMessage]) -> String {
        "[vitals] " + headline(messages)
    }

    /// The subject without its `[vitals]` tag: the heading of both parts.
    static func headline(_ messages: [AlertMessage]) -> String {
        guard let first = messages.first else { return "" }
        let status = first.status == .firing ? "FIRING" : "RESOLVED"
        let count = messages.count > 1 ? ":\(messages.count)" : ""
        let severity = messages.map(\.severity).max() ?? first.severity
        return clean("\(status)\(count) \(severity.rawValue): \(first.rule) on \(first.host)")
    }

    /// The colour people know an alert's state by (Slack's attachments, the mail's heading): red
    /// critical, orange warning, blue info; green once resolved.
    public static func colour(_ message: AlertMessage) -> String {
        if message.status == .resolved { return "#2eb886" }
        switch message.severity {
        case .critical: return "#d0021b"
        case .warning: return "#f5a623"
        case .info: return "#4a90d9"
        }
    }

    /// The plain-text part.
    public static func text(_ messages: [AlertMessage], link: String?) -> String {
        guard let first = messages.first else { return "" }
        var lines = [headline(messages), ""]
        for message in messages {
            lines.append(message.summary)
            if !message.description.isEmpty { lines.append(message.description) }
            for (name, value) in facts(message) { lines.append("  \(name + ":")\(String(repeating: " ", count: max(1, 11 - name.count)))\(value)") }
            lines.append("")
        }
        if let link { lines.append("Open vitals on \(first.host): \(link)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The HTML part: a heading coloured by status and severity, then a table per alert.
    public static func html(_ messages: [AlertMessage], link: String?) -> String {
        guard let first = messages.first else { return "" }
        var out = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>\(escape(subject(messages)))</title></head>\n"
        out += "<body style=\"font-family:sans-serif;font-size:14px;color:#222\">\n"
        out += "<h2 style=\"color:\(colour(first));margin:0 0 12px\">\(escape(headline(messages)))</h2>\n"
        for message in messages {
            out += "<p style=\"margin:12px 0 4px\"><b>\(escape(message.summary))</b></p>\n"
            if !message.description.isEmpty { out += "<p style=\"margin:0 0 4px\">\(escape(message.description))</p>\n" }
            out += "<table style=\"border-collapse:collapse\">\n"
            for (name, value) in facts(message) {
                out += "<tr><td style=\"padding:1px 12px 1px 0;color:#666\">\(escape(name))</td><td style=\"padding:1px 0\">\(escape(value))</td></tr>\n"
            }
            out += "</table>\n"
        }
        if let link {
            out += "<p style=\"margin-top:16px\"><a href=\"\(escape(link))\">Open vitals on \(escape(first.host))</a></p>\n"
        }
        return out + "</body></html>\n"
    }

    /// What the mail says of one alert, in order.
    static func facts(_ message: AlertMessage) -> [(String, String)] {
        var facts = [("status", message.status.rawValue), ("severity", message.severity.rawValue), ("host", message.host)]
        if let value = message.value { facts.append(("value", AlertTemplate.formatValue(value))) }
        if let threshold = message.threshold { facts.append(("threshold", AlertTemplate.formatValue(threshold))) }
        if let condition = message.condition { facts.append(("condition", condition)) }
        facts.append(("since", RFC3339.format(message.startsAt)))
        if let end = message.endsAt { facts.append(("resolved", RFC3339.format(end))) }
        let labels = message.labels.filter { $0.key != "alertname" && $0.key != "severity" }.sorted { $0.key < $1.key }
        if !labels.isEmpty { facts.append(("labels", labels.map { "\($0.key)=\($0.value)" }.joined(separator: " "))) }
        return facts
    }

    /// The host as a Message-ID's right side: letters, digits, dots and dashes (a name in any
    /// other script would make the header 8-bit).
    static func messageIDHost(_ host: String) -> String {
        let kept = host.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "." || $0 == "-") }
        return kept.isEmpty ? "vitals" : String(String.UnicodeScalarView(kept))
    }

    /// Header values cannot carry line breaks (no header injection through a label).
    static func clean(_ text: String) -> String {
        String(text.map { $0 == "\n" || $0 == "\r" ? " " : $0 })
    }

    /// A header value as is when it is ASCII, else as RFC 2047 encoded words (UTF-8, base64), each
    /// of whole characters and at most 75 columns, on folded lines.
    static func encodedWord(_ text: String) -> String {
        guard !text.utf8.allSatisfy({ $0 < 0x80 }) else { return text }
        var chunks: [String] = [""]
        for character in text {
            if chunks[chunks.count - 1].utf8.count + character.utf8.count > 45 { chunks.append("") }
            chunks[chunks.count - 1].append(character)
        }
        return chunks.map { "=?utf-8?B?\(Base64.encode(Array($0.utf8)))?=" }.joined(separator: "\n ")
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
