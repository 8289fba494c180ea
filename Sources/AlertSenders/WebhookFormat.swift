import AlertDelivery
import Alerting
import Foundation

/// The body Alertmanager sends to webhook receivers (version 4), one alert per notification.
public enum WebhookFormat {
    struct Body: Encodable {
        var version = "4"
        var groupKey: String
        var truncatedAlerts = 0
        var status: String
        var receiver = "vitals"
        var groupLabels: [String: String]
        var commonLabels: [String: String]
        var commonAnnotations: [String: String]
        var externalURL = ""
        var alerts: [Alert]
    }

    struct Alert: Encodable {
        var status: String
        var labels: [String: String]
        var annotations: [String: String]
        var startsAt: String
        var endsAt: String
        var generatorURL = ""
        var fingerprint: String
    }

    public static func body(_ message: AlertMessage) -> [UInt8] { body([message], externalURL: nil) }

    /// One notification of one rule's alerts (all firing or all resolved, as `NotificationGroups`
    /// makes them): commonLabels and commonAnnotations are what every alert shares.
    /// `externalURL`: `server.public_url`, where the receiver's reader can look (empty without it).
    public static func body(_ messages: [AlertMessage], externalURL: String?) -> [UInt8] {
        let alerts = messages.map { message in
            Alert(
                status: message.status.rawValue, labels: labels(message), annotations: annotations(message), startsAt: RFC3339.format(message.startsAt),
                endsAt: message.endsAt.map(RFC3339.format) ?? "0001-01-01T00:00:00Z", fingerprint: message.fingerprint
            )
        }
        let rule = messages.first?.rule ?? ""
        let body = Body(
            groupKey: "{}:{alertname=\"\(rule)\"}", status: messages.contains { $0.status == .firing } ? "firing" : "resolved",
            groupLabels: ["alertname": rule], commonLabels: common(alerts.map(\.labels)), commonAnnotations: common(alerts.map(\.annotations)), externalURL: externalURL ?? "", alerts: alerts
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(body)) ?? Data())
    }

    static func labels(_ message: AlertMessage) -> [String: String] {
        var labels = message.labels
        labels["instance"] = labels["instance"] ?? message.host
        return labels
    }

    static func annotations(_ message: AlertMessage) -> [String: String] {
        var annotations = ["summary": message.summary]
        if !message.description.isEmpty { annotations["description"] = message.description }
        if let value = message.value { annotations["value"] = AlertTemplate.formatValue(value) }
        return annotations
    }

    /// The pairs every dictionary has, with the same value.
    static func common(_ all: [[String: String]]) -> [String: String] {
        guard var shared = all.first else { return [:] }
        for other in all.dropFirst() { shared = shared.filter { other[$0.key] == $0.value } }
        return shared
    }
}
