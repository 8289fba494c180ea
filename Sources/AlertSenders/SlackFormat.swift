import AlertDelivery
import Alerting
import Foundation

/// A Slack-compatible incoming-webhook message: a text line and an attachment coloured by
/// severity (red critical, orange warning, blue info; green once resolved). A firing message of
/// the notifier's `mention_severities` starts with its mentions (`<!here>`, `<@U…>`); a resolution
/// mentions nobody (nobody needs waking for it).
public enum SlackFormat {
    struct Body: Encodable {
        var text: String
        var attachments: [Attachment]
    }

    struct Attachment: Encodable {
        var color: String
        var title: String
        var text: String
        var fields: [Field]
        var ts: Int
    }

    struct Field: Encodable {
        var title: String
        var value: String
        var short = true
    }

    public static func color(_ message: AlertMessage) -> String { EmailFormat.colour(message) }

    /// Slack shows at most this many attachments well; the rest of a group is counted.
    static let attachmentLimit = 10

    public static func body(_ message: AlertMessage, mention: [String] = [], mentionSeverities: Set<AlertSeverity> = []) -> [UInt8] {
        body([message], mention: mention, mentionSeverities: mentionSeverities)
    }

    /// One message for one rule's alerts: `[FIRING:3] fs-full: …` over an attachment each.
    public static func body(_ messages: [AlertMessage], mention: [String] = [], mentionSeverities: Set<AlertSeverity> = []) -> [UInt8] {
        guard let first = messages.first else { return [] }
        let status = first.status == .firing ? "FIRING" : "RESOLVED"
        let count = messages.count > 1 ? ":\(messages.count)" : ""
        var attachments = messages.prefix(attachmentLimit).map(attachment)
        if messages.count > attachmentLimit {
            attachments.append(Attachment(color: color(first), title: "and \(messages.count - attachmentLimit) more", text: "", fields: [], ts: Int(first.endsAt ?? first.startsAt)))
        }
        let caller = messages.first { !mentions($0, mention, mentionSeverities).isEmpty }
        let body = Body(text: (caller.map { mentions($0, mention, mentionSeverities) } ?? "") + "[\(status)\(count)] \(first.rule): \(first.summary)", attachments: attachments)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(body)) ?? Data())
    }

    static func attachment(_ message: AlertMessage) -> Attachment {
        let status = message.status == .firing ? "FIRING" : "RESOLVED"
        var fields = [Field(title: "severity", value: message.severity.rawValue), Field(title: "host", value: message.host)]
        if let value = message.value { fields.append(Field(title: "value", value: AlertTemplate.formatValue(value))) }
        for (name, value) in message.labels.sorted(by: { $0.key < $1.key }) where !["alertname", "severity"].contains(name) {
            fields.append(Field(title: name, value: value))
        }
        return Attachment(
            color: color(message), title: "\(status): \(message.rule)", text: message.description.isEmpty ? message.summary : message.description,
            fields: fields, ts: Int(message.endsAt ?? message.startsAt)
        )
    }

    /// `<!here> <@U…> ` for a firing message of those severities; empty otherwise.
    static func mentions(_ message: AlertMessage, _ mention: [String], _ severities: Set<AlertSeverity>) -> String {
        guard message.status == .firing, severities.contains(message.severity) else { return "" }
        let marks = mention.compactMap(SlackMention.markup)
        return marks.isEmpty ? "" : marks.joined(separator: " ") + " "
    }
}
