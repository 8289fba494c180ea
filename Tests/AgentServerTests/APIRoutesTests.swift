@testable import AgentServer
import AlertDelivery
import AlertJournal
import Alerting
import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing
import VitalsCore

/// The status, the alert history and rules, the rule check and the older clients' paths, through
/// Hummingbird's router test framework.
@Suite struct APIRoutesTests {
    func app(_ core: AgentCore, settings: AgentRoutes.Settings = .init()) -> some ApplicationProtocol {
        Application(router: AgentRoutes.router(core: core, settings: settings))
    }

    func object(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any], "\(String(buffer: response.body))")
    }

    func data(_ response: TestResponse) throws -> [String: Any] {
        let doc = try object(response)
        #expect(doc["status"] as? String == "success")
        return try #require(doc["data"] as? [String: Any])
    }

    @Test func theStatusSaysWhatTheAgentIsDoing() async throws {
        let hub = StreamHub(maxClients: 7)
        let limiter = RateLimiter(.init(rate: 20, burst: 40))
        try await app(try AgentFixture.core(), settings: .init(readOnly: true, rateLimiter: limiter, hub: hub)).test(.router) { client in
            for path in ["/api/v1/status", "/api/status"] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "application/json")
                    let d = try data(response)
                    #expect(d["host"] as? String == "fixture")
                    #expect(d["version"] as? String == VitalsVersion.current)
                    #expect((d["revision"] as? String)?.isEmpty == false)
                    #expect(d["last_tick"] as? String == "2026-11-21T22:26:40Z")
                    #expect(d["ticks"] as? Int == 1)
                    let collectors = try #require(d["collectors"] as? [[String: Any]])
                    #expect(collectors.contains { $0["name"] as? String == "cpu" && $0["healthy"] as? Bool == true })
                    let alerts = try #require(d["alerts"] as? [String: Any])
                    #expect(alerts["rules"] as? Int == 1 && alerts["firing"] as? Int == 1 && alerts["pending"] as? Int == 0 && alerts["silenced"] as? Int == 0)
                    #expect(d["stream_clients"] as? Int == 0 && d["stream_client_limit"] as? Int == 7)
                    let store = try #require(d["store"] as? [String: Any])
                    #expect((store["bytes"] as? Int ?? 0) > 0 && (store["series"] as? Int ?? 0) > 100)
                    #expect((d["history"] as? [String: Any])?["state"] as? String == "off")
                    let rate = try #require(d["rate_limit"] as? [String: Any])
                    #expect(rate["requests_per_second"] as? Int == 20 && rate["burst"] as? Int == 40 && rate["refused"] as? Int == 0)
                    #expect(d["read_only"] as? Bool == true)
                }
            }
        }
    }

    /// Five episodes in the journal, read two at a time with the cursor; the filters.
    @Test func theHistoryPagesNewestFirst() async throws {
        let dir = Fixtures.temporaryDirectory("vitals-api-history")
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        // Before the fixture's tick (at 1,795,300,000), which finds their series gone (nodata).
        let t0 = 1_795_299_000.0
        let journal = try AlertJournal.open(directory: dir, now: t0)
        for i in 0..<5 {
            let instance = AlertInstance(
                rule: i == 4 ? "other" : "load-high", labels: AlertLabels(["alertname": "load-high", "n": "\(i)"]), severity: .warning, phase: .firing,
                activeSince: t0 + Double(i * 60), value: Double(i)
            )
            try journal.record(transitions: [AlertTransition(time: t0 + Double(i * 60), instance: instance, from: .inactive, to: .firing)], notifications: [], host: "box", now: t0 + Double(i * 60)) { _ in [] }
        }
        let core = try AgentFixture.core(journal: journal)
        // The fixture's tick's step is written on the journal's queue: waited for.
        journal.drain()
        try await app(core).test(.router) { client in
            var labels: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let uri = "/api/v1/alerts/history?limit=2" + (cursor.map { "&cursor=" + $0 } ?? "")
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok)
                    let d = try data(response)
                    let alerts = try #require(d["alerts"] as? [[String: Any]])
                    labels += alerts.compactMap { ($0["labels"] as? [String: String])?["n"] }
                    cursor = d["next_cursor"] as? String
                }
                pages += 1
            } while cursor != nil && pages < 10
            #expect(labels == ["4", "3", "2", "1", "0"], "newest first, each once")
            #expect(pages == 3)
            // The same objects as `vitals alerts --json`, filtered.
            try await client.execute(uri: "/api/alerts/history?rule=load-high&since=2026-11-21T22:00:00Z&until=\(Int(t0) + 120)", method: .get) { response in
                let alerts = try #require(try data(response)["alerts"] as? [[String: Any]])
                #expect(alerts.compactMap { ($0["labels"] as? [String: String])?["n"] } == ["2", "1", "0"])
                #expect(alerts.first?["state"] as? String == "nodata" && alerts.first?["fingerprint"] != nil && alerts.first?["transitions"] is [Any])
            }
            try await client.execute(uri: "/api/v1/alerts/history?since=2026-11-21T22:26:41Z", method: .get) { response in
                let alerts = try data(response)["alerts"] as? [Any]
                #expect(alerts?.isEmpty == true, "nothing changed after the fixture's tick")
            }
            try await client.execute(uri: "/api/v1/alerts/history?state=pending", method: .get) { response in
                let alerts = try data(response)["alerts"] as? [Any]
                #expect(alerts?.isEmpty == true, "\(String(buffer: response.body))")
            }
            // A rule no longer configured: resolved at the tick; the rule's others: no data.
            try await client.execute(uri: "/api/v1/alerts/history?state=resolved", method: .get) { response in
                let alerts = try #require(try data(response)["alerts"] as? [[String: Any]])
                #expect(alerts.count == 1 && alerts.first?["rule"] as? String == "other", "\(alerts)")
                #expect(alerts.first?["activeAt"] as? String == "2026-11-21T22:14:00Z" && alerts.first?["resolvedAt"] as? String == "2026-11-21T22:26:40Z")
            }
            try await client.execute(uri: "/api/v1/alerts/history?state=nodata,pending&rule=load-high", method: .get) { response in
                let alerts = try #require(try data(response)["alerts"] as? [[String: Any]])
                #expect(alerts.count == 4, "\(alerts)")
            }
            for bad in ["state=gone", "limit=0", "limit=1001", "limit=x", "since=yesterday", "until=2026-13-01T00:00:00Z", "cursor=zz", "cursor=7ff0000000000000-1", "cursor=1-x", "since=1e9", "rule="] {
                try await client.execute(uri: "/api/v1/alerts/history?" + bad, method: .get) { response in
                    #expect(response.status == .badRequest, "\(bad)")
                    let doc = try object(response)
                    #expect(doc["error"] is String, "\(bad)")
                }
            }
        }
        // Without a history file: an empty page.
        try await app(try AgentFixture.core()).test(.router) { client in
            try await client.execute(uri: "/api/v1/alerts/history", method: .get) { response in
                let d = try data(response)
                #expect((d["alerts"] as? [Any])?.isEmpty == true && d["next_cursor"] is NSNull)
            }
        }
    }

    @Test func theRulesInEffectWithTheirCounts() async throws {
        let replaced = AlertRule(name: DefaultAlertRules.rules[0].name, expr: try AlertExprParser.parse("node_load1 > 1000"), cooldown: 60)
        let core = try AgentFixture.core(extraRules: [DefaultAlertRules.rules[1], replaced])
        try await app(core).test(.router) { client in
            for path in ["/api/v1/alerts/rules", "/api/alerts/rules"] {
                try await client.execute(uri: path, method: .get) { response in
                    let rules = try #require(try data(response)["rules"] as? [[String: Any]])
                    #expect(rules.count == 3)
                    let own = try #require(rules.first { $0["name"] as? String == "load-high" })
                    #expect(own["expr"] as? String == "node_load1 > -1")
                    #expect(own["origin"] as? String == "file" && own["firing"] as? Int == 1 && own["pending"] as? Int == 0)
                    #expect(own["for_seconds"] as? Int == 0 && own["cooldown_seconds"] as? Int == 3600 && own["clear"] is NSNull)
                    #expect(own["severity"] as? String == "warning" && own["summary"] as? String == "load {{ value }} on {{ host }}")
                    #expect(rules.first { $0["name"] as? String == DefaultAlertRules.rules[1].name }?["origin"] as? String == "default")
                    let other = try #require(rules.first { $0["name"] as? String == replaced.name })
                    #expect(other["origin"] as? String == "file, replacing the default" && other["cooldown_seconds"] as? Int == 60)
                }
            }
        }
    }

    @Test func aRuleSetIsCheckedAndNothingChanges() async throws {
        let core = try AgentFixture.core()
        try await app(core).test(.router) { client in
            let good = #"{"rules": [{"name": "hot", "expr": "node_load1 > 8", "for": "5m", "severity": "critical"}]}"#
            try await client.execute(uri: "/api/v1/alerts/rules/check", method: .post, body: ByteBuffer(string: good)) { response in
                #expect(response.status == .ok)
                let d = try data(response)
                #expect(d["valid"] as? Bool == true && (d["problems"] as? [Any])?.isEmpty == true)
                #expect(d["rules"] as? Int == 1 + DefaultAlertRules.rules.count)
            }
            let bad = """
                alerts:
                  defaults: false
                  rules:
                    - name: hot
                      expr: node_load1 >> 8
                    - name: slow
                      expr: node_load1 > 2
                      for: soon
                """
            try await client.execute(uri: "/api/v1/alerts/rules/check", method: .post, body: ByteBuffer(string: bad)) { response in
                #expect(response.status == .ok)
                let d = try data(response)
                #expect(d["valid"] as? Bool == false)
                let problems = try #require(d["problems"] as? [[String: Any]])
                #expect(problems.count == 2, "\(problems)")
                #expect(problems.contains { $0["line"] as? Int == 8 && ($0["message"] as? String)?.contains("for") == true }, "\(problems)")
                #expect(problems.contains { $0["line"] as? Int == 4 && ($0["message"] as? String)?.contains("rule hot") == true }, "\(problems)")
                // slow still runs, without its misspelt `for` (as `vitals config check` reads it).
                #expect(d["rules"] as? Int == 1)
            }
            // The section alone, with a notifier (not read: its file is the agent's business).
            let section = "rules:\n  - name: x\n    expr: node_load1 > 1\nnotifiers:\n  - type: webhook\n    url_file: /etc/shadow\n"
            try await client.execute(uri: "/api/v1/alerts/rules/check", method: .post, body: ByteBuffer(string: section)) { response in
                let d = try data(response)
                #expect(d["valid"] as? Bool == true, "\(d)")
                #expect(!String(buffer: response.body).contains("shadow"))
            }
            try await client.execute(uri: "/api/v1/alerts/rules/check", method: .post, body: ByteBuffer(string: "  \n")) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/api/v1/alerts/rules/check", method: .post, body: ByteBuffer(string: String(repeating: "#", count: (1 << 20) + 1))) { response in
                #expect(response.status == .contentTooLarge)
            }
            try await client.execute(uri: "/api/v1/alerts/rules/check", method: .get) { response in
                #expect(response.status == .methodNotAllowed && response.headers[.allow] == "POST")
            }
            for path in ["/api/v1/status", "/api/v1/alerts/history", "/api/v1/alerts/rules", "/api/metrics/cpu"] {
                try await client.execute(uri: path, method: .post) { response in
                    #expect(response.status == .methodNotAllowed && response.headers[.allow] == "GET, HEAD", "\(path)")
                }
            }
        }
        #expect(core.alertRules().map(\.name) == ["load-high"], "the rules in effect did not change")
    }

    @Test func theOlderClientsMetricPaths() async throws {
        let core = try AgentFixture.core()
        // The fixture's collections derive no CPU busy (the collection loop does): a tick with one.
        var tick = AgentFixture.snapshot()
        tick.time += 1
        tick.cpu?.usage = CPUUsage(busy: 0.452, user: 0.3, system: 0.152, iowait: 0, steal: 0)
        core.pipeline.record(tick)
        try await app(core).test(.router) { client in
            for (metric, unit) in [("cpu", "percent"), ("memory", "percent"), ("disk", "percent"), ("network", "bytes_per_second")] {
                try await client.execute(uri: "/api/metrics/\(metric)", method: .get) { response in
                    #expect(response.status == .ok, "\(metric): \(String(buffer: response.body))")
                    let doc = try object(response)
                    #expect(doc["metric"] as? String == metric && doc["unit"] as? String == unit && doc["source"] as? String == "host")
                    #expect(doc["value"] is Double || doc["value"] is Int, "\(metric): \(doc)")
                    #expect(doc["history"] == nil)
                }
            }
            // The fixture's filesystems: 100 GB, 40 free, 35 available: df's Use% 60 / 95.
            try await client.execute(uri: "/api/metrics/disk?range=10m&points=5", method: .get) { response in
                let doc = try object(response)
                #expect((doc["value"] as? Double).map { abs($0 - 63.16) < 0.01 } == true, "\(doc)")
                let history = try #require(doc["history"] as? [[String: Any]])
                #expect(history.count == 5)
                #expect(history.last?["time"] as? String == "2026-11-21T22:26:41Z")
                #expect((history.last?["value"] as? Double).map { abs($0 - 63.16) < 0.01 } == true, "\(history)")
                #expect(history.first?["value"] is NSNull, "nothing recorded ten minutes before the only tick")
            }
            try await client.execute(uri: "/api/metrics/cpu", method: .get) { response in
                let doc = try object(response)
                #expect(doc["value"] as? Double == 45.2)
            }
            try await client.execute(uri: "/api/metrics/network?range=1h", method: .get) { response in
                let doc = try object(response)
                let rx = try #require(doc["rx"] as? Double), tx = try #require(doc["tx"] as? Double)
                #expect(abs((doc["value"] as? Double ?? 0) - (rx + tx)) < 0.02)
                #expect((doc["history"] as? [Any])?.count == 60)
            }
            for bad in ["range=forever", "range=400d", "points=0", "points=1001"] {
                try await client.execute(uri: "/api/metrics/cpu?" + bad, method: .get) { response in
                    #expect(response.status == .badRequest, "\(bad)")
                }
            }
        }
    }
}
