import Foundation
import Glibc
import TestSupport
import Testing

/// The example with its threshold lowered to fire, through the real binary: the banner
/// shows it, a receiver on loopback gets Alertmanager's JSON, `vitals alerts` lists it, a silence
/// is recorded, and after a restart the history is intact and nothing is announced twice.
@Suite(.serialized) struct AlertsEndToEndTests {
    let vitals = BuiltProducts.vitals

    @Test func firesNotifiesListsAndSurvivesARestart() async throws {
        let receiver = try LoopbackHTTPReceiver()
        defer { receiver.stop() }
        let dir = Fixtures.temporaryDirectory("vitals-alerts-e2e")
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        _ = Fixtures.write("""
            alerts:
              defaults: false
              rules:
                - name: load-high
                  expr: node_load1 > -1
                  for: 2s
                  severity: warning
                  summary: "load {{ value }} on {{ host }}"
              notifiers:
                - type: webhook
                  url: \(receiver.url)
                  group_wait: 1s
            """, to: dir + "/config.yaml")
        let check = Shell.run("\(Shell.quote(vitals)) config check \(dir)/config.yaml")
        #expect(check.status == 0, "\(check.output)")
        let command = "\(Shell.quote(vitals)) --config \(dir)/config.yaml --data-dir \(dir)/data; sleep 30"
        var session: TmuxSession? = TmuxSession(width: 120, height: 30, command: command)
        let (fired, screen) = await session!.waitFor(["▲ WARNING load-high"], seconds: 15)
        #expect(fired, "the banner:\n\(screen)")
        let got = receiver.wait(for: 1)
        let request = try #require(got.first)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
        let alert = try #require((body["alerts"] as? [[String: Any]])?.first)
        #expect(body["status"] as? String == "firing")
        #expect((alert["labels"] as? [String: String])?["alertname"] == "load-high")
        #expect((alert["annotations"] as? [String: String])?["summary"]?.hasPrefix("load ") == true)

        // `vitals alerts` beside the running dashboard.
        let listed = Shell.run("\(Shell.quote(vitals)) alerts --data-dir \(dir)/data --state firing")
        #expect(listed.status == 0)
        #expect(listed.output.contains("firing  warning   load-high"), "\(listed.output)")
        let json = Shell.run("\(Shell.quote(vitals)) alerts --data-dir \(dir)/data --json").output
        #expect(json.contains("\"rule\":\"load-high\"") && json.contains("\"to\":\"firing\""), "\(json)")

        // `a` lists it; `s`, Enter silences it for the default hour: the banner goes.
        session!.send("a")
        await #expect(session!.waitFor(["> WARN  load-high  firing"], seconds: 5).found)
        session!.send("s")
        session!.send("Enter")
        let (silenced, after) = await session!.waitFor(["silenced load-high for 1h"], seconds: 5)
        #expect(silenced, "\(after)")
        session!.send("Escape")
        await #expect(Shell.waitUntil(seconds: 5) { !session!.capture().contains("▲ WARNING") })
        #expect(Shell.run("\(Shell.quote(vitals)) alerts --data-dir \(dir)/data --silences").output.contains("load-high"))

        // q, and again: the history is intact; the still-firing alert is not announced again.
        session!.send("q")
        await Shell.pause(1.5)
        session = nil
        let restarted = TmuxSession(width: 120, height: 30, command: command)
        await #expect(restarted.waitFor(["history"], seconds: 10).found)
        await Shell.pause(3)
        let history = Shell.run("\(Shell.quote(vitals)) alerts --data-dir \(dir)/data --json").output
        #expect(history.contains("\"state\":\"firing\""), "\(history)")
        #expect(receiver.requests.count == 1, "no second announcement of the same episode: \(receiver.requests.count)")
        #expect(!restarted.capture().contains("▲ WARNING"), "the silence outlived the restart")
        // `a`, `u`: the silence is lifted, the banner is back, and `vitals alerts --silences` lists none running.
        restarted.send("a")
        await #expect(restarted.waitFor(["load-high"], seconds: 10).found)
        restarted.send("u")
        await #expect(restarted.waitFor(["silence lifted: load-high"], seconds: 10).found, "\(restarted.capture())")
        restarted.send("Escape")
        await #expect(restarted.waitFor(["▲ WARNING"], seconds: 10).found, "\(restarted.capture())")
        func silenceLines() -> [Substring] {
            Shell.run("\(Shell.quote(vitals)) alerts --data-dir \(dir)/data --silences").output.split(separator: "\n").filter { $0.contains("load-high") && $0.contains("20") }
        }
        await #expect(Shell.waitUntil(seconds: 10) { silenceLines().contains { $0.contains(" ended ") } && !silenceLines().contains { $0.contains(" running ") } },
                      "\(silenceLines())")
    }

    @Test func aBadRuleIsReportedAtItsPlaceAndTheRestRun() async {
        let dir = Fixtures.temporaryDirectory("vitals-alerts-e2e")
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        _ = Fixtures.write("alerts:\n  rules:\n    - name: broken\n      expr: node_load1 >\n", to: dir + "/c.yaml")
        let check = Shell.run("\(Shell.quote(vitals)) config check \(dir)/c.yaml")
        #expect(check.status == 1)
        #expect(check.output.contains("c.yaml:3:7: rule broken: expr \"node_load1 >\": column 13: expected a threshold number"), "\(check.output)")
        // A valid rule over a series this host does not record: a warning naming the closest one.
        _ = Fixtures.write("alerts:\n  rules:\n    - name: typo\n      expr: node_lod1 > 4\n", to: dir + "/t.yaml")
        let typo = Shell.run("\(Shell.quote(vitals)) config check \(dir)/t.yaml")
        #expect(typo.status == 0)
        #expect(typo.output.contains("t.yaml:3:7: warning: rule typo: this host records no series named node_lod1, so the rule cannot fire here; did you mean node_load1?"), "\(typo.output)")
        // A rule with three problems: all three in one run, its expression's beside its fields'.
        _ = Fixtures.write("alerts:\n  rules:\n    - name: bad\n      expr: node_load1 >\n      for: 5x\n      severity: urgent\n", to: dir + "/three.yaml")
        let three = Shell.run("\(Shell.quote(vitals)) config check \(dir)/three.yaml")
        #expect(three.status == 1)
        #expect(three.output == """
            \(dir)/three.yaml:5:12: alerts.rules[0].for: "5x" is not a duration (use a number and a unit: 500ms, 10s, 5m, 2h, 7d)
            \(dir)/three.yaml:6:17: alerts.rules[0].severity: "urgent" is not one of info, warning, critical
            \(dir)/three.yaml:3:7: rule bad: expr "node_load1 >": column 13: expected a threshold number
            \(dir)/three.yaml: 3 problems

            """, "\(three.output)")
        _ = Fixtures.write("alerts:\n  rules:\n    - name: two\n      expr: node_load1 > 4\n      clear: 9\n      labels: [oops]\n", to: dir + "/two.yaml")
        let two = Shell.run("\(Shell.quote(vitals)) config check \(dir)/two.yaml")
        #expect(two.output.contains("rule two: label \"oops\" is not key=value; clear 9.0 must lie below the threshold 4.0"), "\(two.output)")
    }
}
