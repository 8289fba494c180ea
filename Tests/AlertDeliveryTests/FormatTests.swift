import AlertDelivery
@testable import AlertSenders
import Alerting
import Foundation
import Testing

@Suite struct FormatTests {
    static func message(_ status: AlertNotification.Status, severity: AlertSeverity = .critical, labels: [String: String] = ["mountpoint": "/data"]) -> AlertMessage {
        var all = labels
        all["alertname"] = "fs-full"
        var instance = AlertInstance(rule: "fs-full", labels: AlertLabels(all), severity: severity, phase: .firing, activeSince: 1_795_300_000.25, value: 0.04)
        instance.notifications = 1
        if status == .resolved { instance.resolvedAt = 1_795_303_600 }
        return AlertMessage(AlertNotification(status: status, instance: instance, summary: "/data almost full", description: "", time: 1_795_303_600), host: "db1")
    }

    @Test func webhookBodyIsAlertmanagerVersion4() throws {
        let resolved = try #require(try JSONSerialization.jsonObject(with: Data(WebhookFormat.body(Self.message(.resolved)))) as? [String: Any])
        #expect(resolved["status"] as? String == "resolved")
        #expect(resolved["receiver"] as? String == "vitals")
        #expect(resolved["groupLabels"] as? [String: String] == ["alertname": "fs-full"])
        let alert = try #require((resolved["alerts"] as? [[String: Any]])?.first)
        #expect(alert["startsAt"] as? String == "2026-11-21T22:26:40.250Z")
        #expect(alert["endsAt"] as? String == "2026-11-21T23:26:40Z")
        #expect(alert["labels"] as? [String: String] == ["alertname": "fs-full", "mountpoint": "/data", "instance": "db1"])
        #expect((alert["annotations"] as? [String: String])?["value"] == "0.04")
        #expect(Set(alert.keys) == ["status", "labels", "annotations", "startsAt", "endsAt", "generatorURL", "fingerprint"])
    }

    @Test func slackColourBySeverityGreenWhenResolved() {
        #expect(SlackFormat.color(Self.message(.firing, severity: .critical)) == "#d0021b")
        #expect(SlackFormat.color(Self.message(.firing, severity: .warning)) == "#f5a623")
        #expect(SlackFormat.color(Self.message(.firing, severity: .info)) == "#4a90d9")
        #expect(SlackFormat.color(Self.message(.resolved)) == "#2eb886")
    }

    @Test func emailHeadersCannotBeInjectedThroughLabels() {
        let hostile = Self.message(.firing, labels: ["mountpoint": "/x\nBcc: evil@example.com"])
        var message = hostile
        message.rule = "fs\nBcc: evil@example.com"
        let text = EmailFormat.message(message, from: "vitals@db1", to: ["a@example.com", "b@example.com"])
        let headers = text.components(separatedBy: "\n\n")[0]
        #expect(!headers.contains("\nBcc:"))
        #expect(headers.contains("To: a@example.com, b@example.com"))
        #expect(headers.contains("Subject: [vitals] FIRING critical: fs Bcc: evil@example.com on db1"))
        #expect(headers.contains("Date: Sat, 21 Nov 2026 22:26:40 +0000"))
    }

    @Test func retryPolicyBacksOffWithJitterAndGivesUp() {
        let policy = RetryPolicy()
        #expect(policy.nextAttempt(after: 1, createdAt: 0, now: 10, permanent: false, unit: 0) == 11)
        #expect(policy.nextAttempt(after: 1, createdAt: 0, now: 10, permanent: false, unit: 0.999_999)! < 12)
        #expect(policy.nextAttempt(after: 4, createdAt: 0, now: 10, permanent: false, unit: 1) == 26)
        #expect(policy.nextAttempt(after: 30, createdAt: 0, now: 10, permanent: false, unit: 1) == 610, "capped at 10 minutes")
        #expect(policy.nextAttempt(after: 1, createdAt: 0, now: 86_400, permanent: false, unit: 0) == nil, "a day of failures: given up")
        #expect(policy.nextAttempt(after: 1, createdAt: 0, now: 10, permanent: true, unit: 0) == nil)
        #expect(RetryPolicy.isPermanent(status: 404))
        #expect(!RetryPolicy.isPermanent(status: 429))
        #expect(!RetryPolicy.isPermanent(status: 503))
    }
}

/// Slack mentions: who a firing message calls, by id, on the severities chosen.
@Suite struct SlackMentionTests {
    @Test func eachKindOfMention() {
        #expect(SlackMention.markup("@here") == "<!here>")
        #expect(SlackMention.markup("@channel") == "<!channel>")
        #expect(SlackMention.markup("U024BE7LH") == "<@U024BE7LH>")
        #expect(SlackMention.markup("@W012A3CDE") == "<@W012A3CDE>")
        #expect(SlackMention.markup("S0614TZR7") == "<!subteam^S0614TZR7>")
        for bad in ["@ann", "ann", "u024be7lh", "U", "@", "", "U02<script>", "X0123"] { #expect(SlackMention.markup(bad) == nil, "\(bad)") }
    }

    @Test func firingMessagesOfTheChosenSeveritiesCallThem() throws {
        func text(_ status: AlertNotification.Status, _ severity: AlertSeverity) throws -> String {
            let body = SlackFormat.body(FormatTests.message(status, severity: severity), mention: ["@here", "S0614TZR7"], mentionSeverities: [.critical])
            return try #require((try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])?["text"] as? String)
        }
        #expect(try text(.firing, .critical) == "<!here> <!subteam^S0614TZR7> [FIRING] fs-full: /data almost full")
        #expect(try text(.firing, .warning) == "[FIRING] fs-full: /data almost full")
        #expect(try text(.resolved, .critical) == "[RESOLVED] fs-full: /data almost full")
    }
}
