import AlertDelivery
@testable import AlertSenders
import AlertJournal
import Alerting
import Foundation
import Glibc
import GRDB
import Testing
import TestSupport

/// Mail over SMTP to a real server on loopback (aiosmtpd through `SMTPSink`), with a certificate
/// made for the test: STARTTLS with a password, implicit TLS to an address, a group of alerts as
/// one mail; and the failures a person must be told about: a certificate nobody trusts, a server
/// that offers no STARTTLS, a wrong password.
@Suite(.serialized) struct SMTPDeliveryTests {
    static func notifier(_ sink: SMTPSink, host: String = "localhost", security: SMTPSettings.Security = .starttls, user: String? = nil, password: String? = nil, trusted: Bool = true) -> NotifierSpec {
        var spec = NotifierSpec(kind: .email, to: ["On Call <oncall@example.com>"], from: "vitals@box", timeout: 10)
        spec.smtp = SMTPSettings(host: host, port: sink.port, security: security, username: user, password: password, caFile: trusted ? sink.certificate : nil)
        spec.link = "https://vitals.example.com/"
        return spec
    }

    /// Runs a deliverer until `done` holds for the journal (10 s at most).
    static func deliver(_ spec: NotifierSpec, _ journal: AlertJournal, until done: @escaping (AlertJournal) -> Bool) async -> AlertDeliverer {
        let deliverer = AlertDeliverer(notifiers: [spec], journal: journal, policy: DeliveryTests.fast, clock: DeliveryTests.now)
        deliverer.start()
        _ = await Shell.waitUntil(seconds: 10) { done(journal) }
        deliverer.stop()
        return deliverer
    }

    static func delivered(_ spec: NotifierSpec) -> (AlertJournal) -> Bool {
        { ((try? $0.outboxCounts()[spec.id]?.delivered) ?? 0) > 0 }
    }

    @Test func aMailArrivesWholeOverSTARTTLSWithAPassword() async throws {
        let sink = try SMTPSink(mode: .starttls, user: "vitals", password: "s3cret:with spaces")
        defer { sink.stop() }
        let spec = Self.notifier(sink, user: "vitals", password: "s3cret:with spaces")
        let journal = try DeliveryTests.queued(1, notifiers: [spec])
        let deliverer = await Self.deliver(spec, journal, until: Self.delivered(spec))
        #expect(deliverer.health.first?.lastError == nil, "\(deliverer.health)")
        let received = sink.messages()
        try #require(received.count == 1, "\(received.count) messages; \(deliverer.health)")
        #expect(received[0].envelope["tls"] as? Bool == true)
        #expect(received[0].envelope["user"] as? String == "vitals")
        #expect(received[0].envelope["mail_from"] as? String == "vitals@box")
        #expect(received[0].envelope["rcpt_tos"] as? [String] == ["oncall@example.com"])
        let mail = try #require(MIMEMail(received[0].raw), "\(received[0].raw)")
        #expect(mail.subject == "[vitals] FIRING warning: load-high on box")
        #expect(mail.headers["to"] == "On Call <oncall@example.com>")
        #expect(mail.headers["content-type"]?.hasPrefix("multipart/alternative;") == true)
        #expect(mail.parts.map(\.type) == ["text/plain", "text/html"])
        let text = try #require(mail.part("text/plain"))
        for fact in ["load 5 on box", "value:", "5", "threshold:", "4", "condition:", "node_load1 > 4", "since:", "host:", "box", "https://vitals.example.com/"] {
            #expect(text.contains(fact), "\(fact) in\n\(text)")
        }
        let html = try #require(mail.part("text/html"))
        #expect(html.contains("<b>load 5 on box</b>") && html.contains("<a href=\"https://vitals.example.com/\">"), "\(html)")
        #expect(html.contains("node_load1 &gt; 4"), "escaped: \(html)")
    }

    @Test func implicitTLSToAnAddressCarriesAGroupAsOneMail() async throws {
        let sink = try SMTPSink(mode: .tls)
        defer { sink.stop() }
        var spec = Self.notifier(sink, host: "127.0.0.1", security: .tls)
        spec.groupWait = 0.5
        let journal = try DeliveryTests.queued(3, notifiers: [spec])
        _ = await Self.deliver(spec, journal) { ((try? $0.outboxCounts()[spec.id]?.delivered) ?? 0) == 3 }
        let received = sink.messages()
        try #require(received.count == 1, "three alerts of one rule, one mail: \(received.count)")
        #expect(received[0].envelope["tls"] as? Bool == true)
        let mail = try #require(MIMEMail(received[0].raw))
        #expect(mail.subject == "[vitals] FIRING:3 warning: load-high on box")
        let text = try #require(mail.part("text/plain"))
        #expect((0..<3).allSatisfy { text.contains("labels:     n=\($0)") }, "\(text)")
    }

    @Test func anUntrustedCertificateIsSaidInTheStatusLineAndTheOutbox() async throws {
        let sink = try SMTPSink(mode: .starttls)
        defer { sink.stop() }
        let spec = Self.notifier(sink, trusted: false)
        let directory = DeliveryTests.makeDirectory()
        let journal = try DeliveryTests.queued(1, notifiers: [spec], directory: directory)
        let service = AlertService(
            configuration: AlertConfiguration(rules: [], notifiers: [spec]), journal: journal, now: DeliveryTests.now(), clock: DeliveryTests.now,
            delivery: { notifiers, journal, clock in AlertDeliverer(notifiers: notifiers, journal: journal, policy: DeliveryTests.fast, clock: clock) }
        )
        service.start()
        defer { service.deliverer?.stop() }
        let told = await Shell.waitUntil(seconds: 10) { !service.unhealthyNotifiers.isEmpty }
        #expect(told, "three failures in a row reach the status line")
        let line = service.unhealthyNotifiers.first ?? ""
        #expect(line.hasPrefix("email to On Call <oncall@example.com> via localhost failing: TLS with localhost:\(sink.port) failed: its certificate is not trusted"), "\(line)")
        let stored = try await DatabaseQueue(path: directory + "/alerts.sqlite").read { db in
            try String.fetchOne(db, sql: "SELECT last_error FROM outbox WHERE notifier = ?", arguments: [spec.id])
        }
        #expect(stored?.hasPrefix("TLS with localhost:\(sink.port) failed: its certificate is not trusted") == true, "\(stored ?? "nil")")
        #expect(sink.messages().isEmpty)
    }

    @Test func aServerWithoutSTARTTLSOrWithAnotherPasswordGetsNothing() async throws {
        let plain = try SMTPSink(mode: .plain)
        defer { plain.stop() }
        let spec = Self.notifier(plain)
        let journal = try DeliveryTests.queued(1, notifiers: [spec])
        let deliverer = await Self.deliver(spec, journal) { ((try? $0.outboxCounts()[spec.id]?.dead) ?? 0) > 0 }
        #expect(deliverer.health.first?.lastError?.hasPrefix("TLS: the SMTP server does not offer STARTTLS") == true, "\(deliverer.health)")
        #expect(plain.messages().isEmpty, "nothing sent in the clear")

        let guarded = try SMTPSink(mode: .starttls, user: "vitals", password: "right")
        defer { guarded.stop() }
        let wrong = Self.notifier(guarded, user: "vitals", password: "wrong")
        let journal2 = try DeliveryTests.queued(1, notifiers: [wrong])
        let refused = await Self.deliver(wrong, journal2) { ((try? $0.outboxCounts()[wrong.id]?.dead) ?? 0) > 0 }
        let error = refused.health.first?.lastError ?? ""
        #expect(error.hasPrefix("the SMTP server refused AUTH PLAIN for vitals: 535"), "a 5xx is not retried: \(error)")
        #expect(!error.contains("wrong"), "the password is never shown")
        #expect(guarded.messages().isEmpty)
    }

    /// A listener that accepts (the kernel's backlog does) and never says a word: the attempt ends
    /// at its timeout and says so; a closed port is refused at once.
    @Test func aServerThatSaysNothingTimesOutAndAClosedPortIsRefused() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && listen(fd, 4) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        try #require(bound)
        let silent = SMTPSettings(host: "127.0.0.1", port: Int(UInt16(bigEndian: address.sin_port)), security: .starttls)
        let started = DeliveryTests.now()
        #expect(SMTPSender.send("x", from: "a@b", to: ["c@d"], via: silent, timeout: 0.5) == .failed("no answer within 500 ms"))
        #expect(DeliveryTests.now() - started < 3)
        let closed = SMTPSettings(host: "127.0.0.1", port: LoopbackPort.free(), security: .tls)
        #expect(SMTPSender.send("x", from: "a@b", to: ["c@d"], via: closed, timeout: 2) == .failed("connection to 127.0.0.1:\(closed.port) refused"))
    }
}
