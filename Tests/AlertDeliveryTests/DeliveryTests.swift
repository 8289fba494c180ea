import AlertDelivery
@testable import AlertSenders
import AlertJournal
import Alerting
import Foundation
import Glibc
import Testing
import TestSupport
import VitalsCore

/// Delivery against a receiver this test starts on loopback: down then up, slow, failing, refusing;
/// the sendmail path through a stub; a restart with the outbox half sent.
@Suite(.serialized) struct DeliveryTests {
    static func now() -> Double { Date().timeIntervalSince1970 }

    /// A journal in a fresh directory, with `count` firing alerts queued for `notifiers`.
    static func queued(_ count: Int, notifiers: [NotifierSpec], directory: String = makeDirectory()) throws -> AlertJournal {
        let journal = try AlertJournal.open(directory: directory, now: now())
        let rule = AlertRule(name: "load-high", expr: try AlertExprParser.parse("node_load1 > 4"), summary: "load {{ value }} on {{ host }}")
        let values = [(0..<count).map { (key: SeriesKey("node_load1", ["n": String($0)]), value: 5.0) }]
        let step = AlertEngine.step(rules: [rule], values: values, previous: AlertEngineState(), now: now(), host: "box")
        try journal.record(transitions: step.transitions, notifications: step.notifications, host: "box", now: now()) { _ in notifiers.map(\.id) }
        return journal
    }

    static func makeDirectory() -> String {
        var template = Array("/tmp/vitals-delivery-XXXXXX".utf8CString)
        return template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
    }

    static let fast = RetryPolicy(base: 0.05, cap: 0.2, giveUpAfter: 60)

    @Test func deliversAlertmanagerJSONWithAnIdempotencyKey() async throws {
        let receiver = try LoopbackHTTPReceiver()
        defer { receiver.stop() }
        let hook = NotifierSpec(kind: .webhook, url: receiver.url, headers: [.init(name: "X-Team", value: "ops")])
        let journal = try Self.queued(1, notifiers: [hook])
        let deliverer = AlertDeliverer(notifiers: [hook], journal: journal, policy: Self.fast, clock: Self.now)
        deliverer.start()
        defer { deliverer.stop() }
        let got = receiver.wait(for: 1)
        #expect(got.count == 1)
        let request = try #require(got.first)
        #expect(request.method == "POST")
        #expect(request.path == "/hook")
        #expect(request.headers["x-team"] == "ops")
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.headers["idempotency-key"]?.hasSuffix("-firing-1") == true)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
        #expect(body["version"] as? String == "4")
        #expect(body["status"] as? String == "firing")
        let alert = try #require((body["alerts"] as? [[String: Any]])?.first)
        #expect((alert["labels"] as? [String: String])?["alertname"] == "load-high")
        #expect((alert["annotations"] as? [String: String])?["summary"] == "load 5 on box")
        #expect(alert["endsAt"] as? String == "0001-01-01T00:00:00Z")
        #expect((alert["fingerprint"] as? String)?.count == 16)
        #expect((alert["startsAt"] as? String)?.hasSuffix("Z") == true)
    }

    @Test func receiverDownThenUpLosesNothingAndDoublesNothing() async throws {
        let first = try LoopbackHTTPReceiver()
        let port = first.port
        first.stop()
        let hook = NotifierSpec(kind: .webhook, url: "http://127.0.0.1:\(port)/hook", timeout: 1)
        let journal = try Self.queued(5, notifiers: [hook])
        let deliverer = AlertDeliverer(notifiers: [hook], journal: journal, policy: Self.fast, clock: Self.now)
        deliverer.start()
        defer { deliverer.stop() }
        // Down: every attempt is refused; the notifier turns unhealthy.
        let deadline = Self.now() + 10
        while Self.now() < deadline, deliverer.health.first?.isHealthy != false { await Shell.pause(0.02) }
        #expect(deliverer.health.first?.isHealthy == false)
        #expect(deliverer.health.first?.lastError?.contains("refused") == true, "\(deliverer.health)")
        // Up again on the same port.
        let receiver = try LoopbackHTTPReceiver(port: port)
        defer { receiver.stop() }
        let got = receiver.wait(for: 5)
        await Shell.pause(0.3)
        let keys = receiver.requests.compactMap { $0.headers["idempotency-key"] }
        #expect(got.count == 5)
        #expect(Set(keys).count == 5, "every alert once: \(keys)")
        #expect(receiver.requests.count == 5, "nothing sent twice")
        #expect(deliverer.health.first?.isHealthy == true)
        #expect(try journal.outboxCounts()[hook.id]?.delivered == 5)
    }

    @Test func serverErrorsAreRetriedClientErrorsGivenUp() async throws {
        let receiver = try LoopbackHTTPReceiver()
        defer { receiver.stop() }
        receiver.respond(.init(status: 500))
        let hook = NotifierSpec(kind: .webhook, url: receiver.url)
        let journal = try Self.queued(1, notifiers: [hook])
        let deliverer = AlertDeliverer(notifiers: [hook], journal: journal, policy: Self.fast, clock: Self.now)
        deliverer.start()
        defer { deliverer.stop() }
        let deadline = Self.now() + 10
        while Self.now() < deadline, (deliverer.health.first?.failures ?? 0) < 3 { await Shell.pause(0.02) }
        #expect(deliverer.health.first?.lastError == "HTTP 500 Internal Server Error")
        receiver.respond(.init(status: 200))
        #expect(receiver.wait(for: 1).count == 1, "retried until the receiver took it")

        let refusing = try LoopbackHTTPReceiver()
        defer { refusing.stop() }
        refusing.respond(.init(status: 400))
        let bad = NotifierSpec(kind: .webhook, url: refusing.url)
        let journal2 = try Self.queued(1, notifiers: [bad])
        let deliverer2 = AlertDeliverer(notifiers: [bad], journal: journal2, policy: Self.fast, clock: Self.now)
        deliverer2.start()
        defer { deliverer2.stop() }
        let deadline2 = Self.now() + 10
        while Self.now() < deadline2, (try journal2.outboxCounts()[bad.id]?.dead ?? 0) == 0 { await Shell.pause(0.02) }
        #expect(try journal2.outboxCounts()[bad.id]?.dead == 1, "a 400 will not change on retry")
        #expect(deliverer2.health.first?.givenUp == 1)
    }

    @Test func aSlowEndpointTimesOutAndHoldsUpOnlyItself() async throws {
        let slow = try LoopbackHTTPReceiver()
        defer { slow.stop() }
        slow.respond(.init(status: 200, delay: 1.5))
        let fastReceiver = try LoopbackHTTPReceiver()
        defer { fastReceiver.stop() }
        let slowHook = NotifierSpec(kind: .webhook, url: slow.url, timeout: 0.3)
        let fastHook = NotifierSpec(kind: .slack, url: fastReceiver.url)
        let journal = try Self.queued(2, notifiers: [slowHook, fastHook])
        let deliverer = AlertDeliverer(notifiers: [slowHook, fastHook], journal: journal, policy: Self.fast, clock: Self.now)
        let started = Self.now()
        deliverer.start()
        defer { deliverer.stop(grace: 0.1) }
        #expect(fastReceiver.wait(for: 2, timeout: 5).count == 2)
        #expect(Self.now() - started < 1.2, "the Slack notifier did not wait behind the slow webhook")
        let deadline = Self.now() + 5
        while Self.now() < deadline, deliverer.health.first?.failures == 0 { await Shell.pause(0.02) }
        #expect(deliverer.health.first?.lastError?.contains("no answer within 300 ms") == true, "\(deliverer.health)")
        let slack = try #require(try JSONSerialization.jsonObject(with: Data(fastReceiver.requests[0].body)) as? [String: Any])
        #expect((slack["text"] as? String)?.hasPrefix("[FIRING] load-high: load 5 on box") == true)
        #expect((slack["attachments"] as? [[String: Any]])?.first?["color"] as? String == "#f5a623")
    }

    @Test func restartMidOutboxSendsTheRestOnce() async throws {
        let receiver = try LoopbackHTTPReceiver()
        defer { receiver.stop() }
        receiver.respond(.init(status: 200, delay: 0.2))
        let hook = NotifierSpec(kind: .webhook, url: receiver.url)
        let directory = Self.makeDirectory()
        do {
            let journal = try Self.queued(6, notifiers: [hook], directory: directory)
            let deliverer = AlertDeliverer(notifiers: [hook], journal: journal, policy: Self.fast, clock: Self.now)
            deliverer.start()
            _ = receiver.wait(for: 2)
            deliverer.stop()
        }
        let sentBefore = receiver.requests.count
        #expect(sentBefore >= 2 && sentBefore < 6, "stopped half way: \(sentBefore)")
        receiver.respond(.init(status: 200))
        // A new process: the lock is free again once the first journal is gone (its threads let
        // go of it just after they signal that they are done).
        var journal = try AlertJournal.open(directory: directory, now: Self.now())
        let deadline = Self.now() + 5
        while !journal.isWriter, Self.now() < deadline {
            await Shell.pause(0.02)
            journal = try AlertJournal.open(directory: directory, now: Self.now())
        }
        #expect(journal.isWriter)
        let deliverer = AlertDeliverer(notifiers: [hook], journal: journal, policy: Self.fast, clock: Self.now)
        deliverer.start()
        defer { deliverer.stop() }
        // Every alert's key, each at least once (the requests before the restart count too).
        func keys() -> Set<String> { Set(receiver.requests.compactMap { $0.headers["idempotency-key"] }) }
        #expect(await Shell.waitUntil(seconds: 10) { keys().count >= 6 }, "\(keys())")
        await Shell.pause(0.2)
        #expect(keys().count == 6)
        #expect(receiver.requests.count <= 7, "at most the one in flight at the stop is sent again (same key)")
    }

    @Test func emailGoesThroughASendmailCompatibleCommand() async throws {
        let directory = Self.makeDirectory()
        let stub = directory + "/sendmail"
        let capture = directory + "/mail.txt"
        try "#!/bin/sh\necho \"$@\" > \(capture).args\ncat > \(capture)\n".write(toFile: stub, atomically: true, encoding: .utf8)
        chmod(stub, 0o755)
        let mail = NotifierSpec(kind: .email, command: [stub, "-oi", "-t"], to: ["oncall@example.com"], from: "vitals@box")
        let journal = try Self.queued(1, notifiers: [mail], directory: directory)
        let deliverer = AlertDeliverer(notifiers: [mail], journal: journal, policy: Self.fast, clock: Self.now)
        deliverer.start()
        defer { deliverer.stop() }
        let deadline = Self.now() + 10
        while Self.now() < deadline, (try journal.outboxCounts()[mail.id]?.delivered ?? 0) == 0 { await Shell.pause(0.02) }
        let received = try #require(MIMEMail(try String(contentsOfFile: capture, encoding: .utf8)))
        #expect(received.headers["to"] == "oncall@example.com")
        #expect(received.headers["from"] == "vitals@box")
        #expect(received.subject == "[vitals] FIRING warning: load-high on box")
        #expect(received.parts.map(\.type) == ["text/plain", "text/html"])
        #expect(received.part("text/plain")?.contains("\nload 5 on box\n") == true)
        #expect(received.part("text/html")?.contains("<b>load 5 on box</b>") == true)
        #expect(try String(contentsOfFile: capture + ".args", encoding: .utf8) == "-oi -t\n")

        // A mailer that fails is retried and reported.
        let failing = NotifierSpec(kind: .email, command: ["/bin/false"], to: ["x@example.com"])
        let journal2 = try Self.queued(1, notifiers: [failing])
        let deliverer2 = AlertDeliverer(notifiers: [failing], journal: journal2, policy: Self.fast, clock: Self.now)
        deliverer2.start()
        defer { deliverer2.stop() }
        let deadline2 = Self.now() + 10
        while Self.now() < deadline2, (deliverer2.health.first?.failures ?? 0) < 2 { await Shell.pause(0.02) }
        #expect(deliverer2.health.first?.lastError == "/bin/false exited with status 1")
    }
}
