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

    public static func body(_ message: AlertMessage) -> [UInt8] {
        var annotations = ["summary": message.summary]
        if !message.description.isEmpty { annotations["description"] = message.description }
        if let value = message.value { annotations["value"] = AlertTemplate.formatValue(value) }
        var labels = message.labels
        labels["instance"] = labels["instance"] ?? message.host
        let alert = Alert(
            status: message.status.rawValue, labels: labels, annotations: annotations, startsAt: RFC3339.format(message.startsAt),
            endsAt: message.endsAt.map(RFC3339.format) ?? "0001-01-01T00:00:00Z", fingerprint: message.fingerprint
        )
        let body = Body(
            groupKey: "{}:{alertname=\"\(message.rule)\"}", status: message.status.rawValue, groupLabels: ["alertname": message.rule],
            commonLabels: labels, commonAnnotations: annotations, alerts: [alert]
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(body)) ?? Data())
    }
}
