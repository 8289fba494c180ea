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
        #expect(alerts.notifiers == [NotifierSpec(kind: .webhook, url: "http://127.0.0.1:9999/hook")])
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
}
