import AlertDelivery
import Alerting
import Testing
import TestSupport
import VitalsConfig

@Suite struct AlertConfigurationTests {
    static func load(_ yaml: String) throws -> (Config, [ConfigDiagnostic]) {
        let path = "/tmp/vitals-alertconfig-\(yaml.hashValue).yaml"
        _ = Fixtures.write(yaml, to: path)
        let (config, diagnostics) = ConfigLoader(environment: [:], explicitPath: path).load()
        return (try #require(config, "\(diagnostics)"), diagnostics)
    }

    @Test func theIssueExampleWorksAsWritten() throws {
        let (config, diagnostics) = try Self.load("""
            alerts:
              rules:
                - name: load-high
                  expr: node_load1 > 4
                  for: 2m
                  severity: warning
                  summary: "load {{ value }} on {{ host }}"
              notifiers:
                - type: webhook
                  url: http://127.0.0.1:9999/hook
            """)
        #expect(diagnostics.isEmpty)
        let alerts = AlertConfiguration(config: config)
        #expect(alerts.problems.isEmpty)
        let rule = try #require(alerts.rules.first { $0.name == "load-high" })
        #expect(rule.expr.description == "node_load1 > 4")
        #expect(rule.holdFor == 120)
        #expect(rule.severity == .warning)
        #expect(rule.summary == "load {{ value }} on {{ host }}")
        #expect(alerts.rules.count == DefaultAlertRules.rules.count + 1, "the defaults stay on")
        var hook = NotifierSpec(kind: .webhook, url: "http://127.0.0.1:9999/hook")
        hook.groupWait = 10
        #expect(alerts.notifiers == [hook], "alerts of one rule gathered for 10 s unless group_wait says otherwise")
        #expect(alerts.notifiers[0].label == "webhook 127.0.0.1:9999")
    }

    @Test func aRuleNamedLikeADefaultReplacesItAndDefaultsCanBeOff() throws {
        let (config, _) = try Self.load("""
            alerts:
              defaults: false
              rules:
                - name: swapping
                  expr: vitals_swap_out_pages_per_second > 1
                  clear: 0.5
                  labels: [team=ops, "page = yes"]
            """)
        let alerts = AlertConfiguration(config: config)
        #expect(alerts.rules.map(\.name) == ["swapping"])
        #expect(alerts.rules[0].labels == ["team": "ops", "page": "yes"])
        #expect(alerts.rules[0].clear == 0.5)
    }

    @Test func badExpressionsAndNotifiersArePositionedAndTheRestRuns() throws {
        let (config, _) = try Self.load("""
            alerts:
              rules:
                - name: broken
                  expr: node_load1 >> 4
                - name: backwards
                  expr: node_load1 > 4
                  clear: 5
                - name: fine
                  expr: node_load1 > 4
              notifiers:
                - type: webhook
                  url: ftp://x
                - type: email
                - type: slack
                  url: https://hooks.example/T/B/C
            """)
        let alerts = AlertConfiguration(config: config)
        let messages = alerts.problems.map(\.description)
        #expect(messages.count == 4, "\(messages)")
        #expect(messages[0].contains(".yaml:3:7: ") && messages[0].contains("rule broken: expr \"node_load1 >> 4\": column 13: expected a threshold number, found '>'"), "\(messages[0])")
        #expect(messages[1].contains("rule backwards: clear 5.0 must lie below the threshold 4.0"), "\(messages[1])")
        #expect(messages[2].contains("url must start with http:// or https://"))
        #expect(messages[3].contains("an email notifier needs to:"))
        #expect(alerts.rules.contains { $0.name == "fine" })
        #expect(alerts.notifiers.map(\.kind) == [.slack])
        #expect(alerts.notifiers[0].label == "slack hooks.example", "no path: it holds the token")
    }

    @Test func slackMentionsAreReadAndCheckedByKind() throws {
        let (config, _) = try Self.load("""
            alerts:
              notifiers:
                - type: slack
                  url: https://hooks.example/T/B/C
                  mention: ["@here", U024BE7LH]
                  mention_severities: [critical, warning]
                - type: slack
                  url: https://hooks.example/T/B/D
                  mention: ["@ann"]
                - type: webhook
                  url: https://hooks.example/w
                  mention: ["@here"]
                - type: webhook
                  url: https://hooks.example/x
            """)
        let alerts = AlertConfiguration(config: config)
        #expect(alerts.notifiers.count == 2)
        #expect(alerts.notifiers.first?.mention == ["@here", "U024BE7LH"] && alerts.notifiers.first?.mentionSeverities == [.critical, .warning])
        #expect(alerts.notifiers.last?.mention == [] && alerts.notifiers.last?.mentionSeverities == [.critical])
        let messages = alerts.problems.map(\.description)
        #expect(messages.count == 2 && messages[0].contains("mention \"@ann\": give @here") && messages[1].contains("mention is for slack notifiers"), "\(messages)")
    }

    @Test func smtpNotifiersAreReadWithTheirPasswordFileAndCheckedWhole() throws {
        let dir = Fixtures.temporaryDirectory("vitals-smtp-config")
        _ = Fixtures.write("hunter2 with spaces\n", to: dir + "/password")
        _ = Fixtures.write("-----BEGIN CERTIFICATE-----\n", to: dir + "/ca.pem")
        let (config, _) = try Self.load("""
            server:
              public_url: https://vitals.example.com/
            alerts:
              notifiers:
                - type: email
                  to: [oncall@example.com]
                  smarthost: smtp.example.com
                  auth_username: vitals
                  auth_password_file: \(dir)/password
                  ca_file: \(dir)/ca.pem
                  group_wait: 30s
                - type: email
                  to: [oncall@example.com]
                  smarthost: "[2001:db8::25]:465"
                  smtp_tls: tls
                - type: email
                  to: [oncall@example.com]
                  smarthost: localhost:25
                  smtp_tls: none
                  auth_username: vitals
                  auth_password: x
                - type: email
                  to: [oncall@example.com]
                  smarthost: smtp.example.com:99999
                - type: email
                  to: [oncall@example.com]
                  smarthost: smtp.example.com
                  auth_username: vitals
                - type: webhook
                  url: https://hooks.example/w
                  smarthost: smtp.example.com
            """)
        let alerts = AlertConfiguration(config: config)
        #expect(alerts.notifiers.count == 2)
        let first = try #require(alerts.notifiers.first)
        #expect(first.smtp == SMTPSettings(host: "smtp.example.com", port: 587, security: .starttls, username: "vitals", password: "hunter2 with spaces", caFile: dir + "/ca.pem"))
        #expect(first.groupWait == 30 && first.link == "https://vitals.example.com/")
        #expect(first.label == "email to oncall@example.com via smtp.example.com")
        #expect(alerts.notifiers.last?.smtp == SMTPSettings(host: "2001:db8::25", port: 465, security: .tls))
        let messages = alerts.problems.map(\.message)
        #expect(messages == [
            "smtp_tls none would send the password in the clear; use starttls or tls",
            "smarthost \"smtp.example.com:99999\" is not host or host:port",
            "SMTP authentication needs both auth_username and auth_password (or auth_password_file)",
            "smarthost is for email notifiers",
        ], "\(messages)")
        let (bad, _) = try Self.load("server:\n  public_url: vitals.example.com\n")
        #expect(AlertConfiguration(config: bad).problems.map(\.description) == ["server.public_url: \"vitals.example.com\" is not an http:// or https:// address; mails carry no link"])
    }
}
