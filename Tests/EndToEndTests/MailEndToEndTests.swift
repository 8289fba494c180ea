import Foundation
import Testing
import TestSupport

/// The real binaries sending mail to a real SMTP server on loopback (aiosmtpd, STARTTLS, a
/// certificate made for the test): the agent's mail arrives whole; the dashboard whose mail server
/// presents a certificate nobody trusts says so on its status line.
@Suite(.serialized) struct MailEndToEndTests {
    let vitals = BuiltProducts.vitals

    static func config(_ sink: SMTPSink, dir: String, trusted: Bool) -> String {
        _ = Fixtures.write("p4ss word\n", to: dir + "/smtp-password")
        _ = Fixtures.write("""
            server:
              public_url: https://vitals.example.com/
            alerts:
              defaults: false
              rules:
                - name: load-seen
                  expr: node_load1 > -1
                  severity: critical
                  summary: "load {{ value }} on {{ host }}"
              notifiers:
                - type: email
                  to: ["On Call <oncall@example.com>"]
                  from: vitals@test.example.com
                  smarthost: 127.0.0.1:\(sink.port)
                  auth_username: vitals
                  auth_password_file: \(dir)/smtp-password
                  group_wait: 1s
            \(trusted ? "      ca_file: \(sink.certificate)" : "")
            """, to: dir + "/config.yaml")
        return dir + "/config.yaml"
    }

    @Test func theAgentsMailArrivesWholeOverSTARTTLS() async throws {
        let sink = try SMTPSink(mode: .starttls, user: "vitals", password: "p4ss word")
        defer { sink.stop() }
        let dir = Fixtures.temporaryDirectory("vitals-mail-e2e")
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        let config = Self.config(sink, dir: dir, trusted: true)
        let check = Shell.run("\(Shell.quote(vitals)) config check \(Shell.quote(config))")
        #expect(check.status == 0, "\(check.output)")
        let agent = AgentProcess(extra: "--config \(Shell.quote(config))")
        #expect(await agent.start(), "\(agent.log)")
        let arrived = await Shell.waitUntil(seconds: 20) { !sink.messages().isEmpty }
        await agent.kill()
        try #require(arrived, "no mail; agent log:\n\(agent.log)")
        let message = try #require(sink.messages().first)
        #expect(message.envelope["tls"] as? Bool == true && message.envelope["user"] as? String == "vitals")
        let mail = try #require(MIMEMail(message.raw))
        #expect(mail.subject.hasPrefix("[vitals] FIRING critical: load-seen on "), "\(mail.subject)")
        #expect(mail.part("text/plain")?.contains("Open vitals on ") == true)
        #expect(mail.part("text/html")?.contains("<a href=\"https://vitals.example.com/\">") == true)
    }

    @Test func anUntrustedCertificateIsOnTheDashboardsStatusLine() async throws {
        let sink = try SMTPSink(mode: .starttls, user: "vitals", password: "p4ss word")
        defer { sink.stop() }
        let dir = Fixtures.temporaryDirectory("vitals-mail-e2e")
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        let config = Self.config(sink, dir: dir, trusted: false)
        let session = TmuxSession(width: 220, height: 30, command: "\(Shell.quote(vitals)) --config \(Shell.quote(config)) --data-dir \(Shell.quote(dir))/data; sleep 30")
        let (said, screen) = await session.waitFor(["failing: TLS with 127.0.0.1:\(sink.port) failed: its certificate is not trusted"], seconds: 40)
        #expect(said, "\(screen)")
        #expect(sink.messages().isEmpty)
        // The outbox says the same, beside the running dashboard, without disturbing it.
        let (listing, status) = Shell.run("\(Shell.quote(vitals)) alerts --outbox --data-dir \(Shell.quote(dir))/data 2>&1")
        #expect(status == 0, "\(listing)")
        let row = listing.split(separator: "\n").dropFirst().first.map(String.init) ?? ""
        #expect(row.contains("retrying") && row.contains("firing") && row.contains("error: TLS with 127.0.0.1:\(sink.port) failed"), "\(listing)")
        let (json, _) = Shell.run("\(Shell.quote(vitals)) alerts --outbox --json --data-dir \(Shell.quote(dir))/data 2>&1")
        #expect(json.hasPrefix("[{\"attempts\":") && json.contains("\"state\":\"retrying\"") && json.contains("\"nextAttemptAt\":"), "\(json)")
        session.send("q")
    }
}
