import AlertDelivery
@testable import AlertSenders
import AlertJournal
import Alerting
import Foundation
import Testing
import TestSupport

/// Alertmanager's group_wait: a rule's alerts that fire (or resolve) together go out as one
/// notification, in every format; the plan is pure, the delivery real.
@Suite struct NotificationGroupsTests {
    static func member(_ id: Int64, rule: String = "fs-full", status: AlertNotification.Status = .firing, at time: Double, attempts: Int = 0, mount: String = "/") -> NotificationGroups.Member {
        var message = FormatTests.message(status, labels: ["mountpoint": mount])
        message.rule = rule
        message.key = "k\(id)"
        return .init(entry: OutboxEntry(id: id, notifier: "n", messageJSON: "", attempts: attempts, createdAt: time), message: message)
    }

    @Test func aRulesAlertsWaitTogetherThenGoAsOne() {
        let members = [Self.member(1, at: 100), Self.member(2, rule: "load", at: 101), Self.member(3, at: 104, mount: "/data"), Self.member(4, status: .resolved, at: 105)]
        let waiting = NotificationGroups.plan(members, groupWait: 10, now: 105)
        #expect(waiting.ready.isEmpty)
        #expect(waiting.heldUntil == 110, "the oldest row's group is due first")
        let due = NotificationGroups.plan(members, groupWait: 10, now: 110)
        #expect(due.ready.map { $0.map(\.entry.id) } == [[1, 3]], "fs-full firing: one notification of both filesystems")
        #expect(due.heldUntil == 111, "load, then the resolution, wait on")
        #expect(NotificationGroups.plan(members, groupWait: 10, now: 200).ready.map { $0.map(\.entry.id) } == [[1, 3], [2], [4]])
    }

    @Test func retriesAreNotHeldAgainAndZeroTurnsGroupingOff() {
        let retried = [Self.member(1, at: 100, attempts: 2), Self.member(2, at: 100, attempts: 2)]
        #expect(NotificationGroups.plan(retried, groupWait: 10, now: 101).ready.map { $0.map(\.entry.id) } == [[1, 2]])
        let fresh = [Self.member(1, at: 100), Self.member(2, at: 100)]
        #expect(NotificationGroups.plan(fresh, groupWait: 0, now: 100).ready.map { $0.map(\.entry.id) } == [[1], [2]])
        #expect(NotificationGroups.plan([], groupWait: 10, now: 0) == NotificationGroups.Plan())
    }

    @Test func aGroupsKeyIsTheSameOnEveryRetryAndInAnyOrder() {
        let a = Self.member(1, at: 0).message, b = Self.member(2, at: 0).message
        #expect(NotificationGroups.key([a]) == "k1")
        #expect(NotificationGroups.key([a, b]) == NotificationGroups.key([b, a]))
        #expect(NotificationGroups.key([a, b]).hasPrefix("group-"))
    }

    @Test func everyFormatListsTheGroup() throws {
        let group = [Self.member(1, at: 0, mount: "/"), Self.member(2, at: 0, mount: "/data")].map(\.message)
        let hook = try #require(try JSONSerialization.jsonObject(with: Data(WebhookFormat.body(group, externalURL: "https://v.example.com/"))) as? [String: Any])
        #expect((hook["alerts"] as? [[String: Any]])?.count == 2)
        #expect(hook["commonLabels"] as? [String: String] == ["alertname": "fs-full", "instance": "db1"], "the mountpoints differ")
        #expect(hook["externalURL"] as? String == "https://v.example.com/")
        let slack = try #require(try JSONSerialization.jsonObject(with: Data(SlackFormat.body(group))) as? [String: Any])
        #expect(slack["text"] as? String == "[FIRING:2] fs-full: /data almost full")
        #expect((slack["attachments"] as? [[String: Any]])?.count == 2)
        let many = (0..<13).map { Self.member(Int64($0), at: 0, mount: "/m\($0)").message }
        let long = try #require(try JSONSerialization.jsonObject(with: Data(SlackFormat.body(many))) as? [String: Any])
        let attachments = try #require(long["attachments"] as? [[String: Any]])
        #expect(attachments.count == 11 && attachments.last?["title"] as? String == "and 3 more")
        let mail = try #require(MIMEMail(EmailFormat.message(group, from: "v@db1", to: ["o@example.com"])))
        #expect(mail.subject == "[vitals] FIRING:2 critical: fs-full on db1")
        #expect(mail.part("text/plain")?.contains("mountpoint=/data") == true)
    }

    @Test func theHTMLPartEscapesAndTheSubjectSurvivesAnyText() throws {
        var message = FormatTests.message(.firing, labels: ["mountpoint": "<script>alert(1)</script>"])
        message.summary = "disk \"full\" & <b>bold</b>"
        message.host = "hôte-ünïcode-\(String(repeating: "é", count: 40))"
        let raw = EmailFormat.message(message, from: "v@x", to: ["o@example.com"], link: "https://v.example.com/?a=1&b=\"2\"")
        let mail = try #require(MIMEMail(raw))
        let html = try #require(mail.part("text/html"))
        #expect(!html.contains("<script>") && html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("disk &quot;full&quot; &amp; &lt;b&gt;bold&lt;/b&gt;"))
        #expect(html.contains("href=\"https://v.example.com/?a=1&amp;b=&quot;2&quot;\""))
        #expect(mail.subject == "[vitals] FIRING critical: fs-full on \(message.host)")
        let headerLines = raw.components(separatedBy: "\n\n")[0].split(separator: "\n")
        #expect(headerLines.allSatisfy { $0.utf8.count <= 998 && $0.utf8.allSatisfy { $0 < 0x80 } }, "7-bit headers within SMTP's line limit")
        #expect(raw.split(separator: "\n").allSatisfy { $0.utf8.count <= 998 })
    }

    @Test func threeAlertsOfOneRuleReachAWebhookAsOneRequest() async throws {
        let receiver = try LoopbackHTTPReceiver()
        defer { receiver.stop() }
        var hook = NotifierSpec(kind: .webhook, url: receiver.url)
        hook.groupWait = 0.5
        let journal = try DeliveryTests.queued(3, notifiers: [hook])
        let deliverer = AlertDeliverer(notifiers: [hook], journal: journal, policy: DeliveryTests.fast, clock: DeliveryTests.now)
        deliverer.start()
        defer { deliverer.stop() }
        let got = receiver.wait(for: 1)
        await Shell.pause(0.7)
        #expect(receiver.requests.count == 1, "one request, not three")
        let first = try #require(got.first)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(first.body)) as? [String: Any])
        #expect((body["alerts"] as? [[String: Any]])?.count == 3)
        #expect(try journal.outboxCounts()[hook.id]?.delivered == 3)
        #expect(got.first?.headers["idempotency-key"]?.hasPrefix("group-") == true)
    }
}
