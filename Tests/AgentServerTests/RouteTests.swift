import AgentServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Routes without sockets (Hummingbird's router test framework).
@Suite struct RouteTests {
    func app(_ core: AgentCore, key: String? = nil) -> some ApplicationProtocol {
        Application(router: AgentRoutes.router(core: core, apiKey: key))
    }

    @Test func healthReadinessAndMetrics() async throws {
        try await app(try AgentFixture.core(recorded: false)).test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/readyz", method: .get) { #expect($0.status == .serviceUnavailable) }
            try await client.execute(uri: "/metrics", method: .get) { #expect($0.status == .serviceUnavailable) }
        }
        try await app(try AgentFixture.core()).test(.router) { client in
            try await client.execute(uri: "/readyz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
                #expect(String(buffer: response.body).contains("node_load1 "))
            }
            try await client.execute(uri: "/metrics", method: .get, headers: [.accept: "application/openmetrics-text; version=1.0.0"]) { response in
                #expect(response.headers[.contentType] == "application/openmetrics-text; version=1.0.0; charset=utf-8")
                #expect(String(buffer: response.body).hasSuffix("# EOF\n"))
            }
        }
    }

    @Test func jsonEndpoints() async throws {
        try await app(try AgentFixture.core()).test(.router) { client in
            try await client.execute(uri: "/api/v1/snapshot", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                let parsed = try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8))
                #expect(parsed is [String: Any])
            }
            try await client.execute(uri: "/api/v1/series?name=node_filesystem_avail_bytes&match=mountpoint%3D%22%2F%22&range=5m&points=10", method: .get) { response in
                #expect(response.status == .ok)
                let doc = try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any])
                let series = try #require(doc["series"] as? [[String: Any]])
                #expect(series.count == 1)
                #expect((series.first?["labels"] as? [String: String])?["mountpoint"] == "/")
                #expect((series.first?["points"] as? [Any])?.count == 10)
            }
            try await client.execute(uri: "/api/v1/alerts", method: .get) { response in
                let doc = try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any])
                #expect(doc["status"] as? String == "success")
                let alerts = try #require((doc["data"] as? [String: Any])?["alerts"] as? [[String: Any]])
                #expect(alerts.first?["state"] as? String == "firing")
                #expect((alerts.first?["labels"] as? [String: String])?["alertname"] == "load-high")
                #expect((alerts.first?["annotations"] as? [String: String])?["summary"]?.hasPrefix("load ") == true)
            }
        }
    }

    /// `vitals attach` fills a gap with one request: every series over an absolute span, means only.
    @Test func everySeriesOverAnAbsoluteSpanMeansOnly() async throws {
        let snapshot = AgentFixture.snapshot()
        let gauges = Set(snapshot.samples().filter { $0.kind == .gauge }.map(\.key.name))
        try await app(try AgentFixture.core()).test(.router) { client in
            try await client.execute(uri: "/api/v1/series?name=*&from=1795299999.5&to=1795300000.5&points=1&fields=mean", method: .get) { response in
                #expect(response.status == .ok)
                let doc = try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any])
                #expect(doc["from"] as? Double == 1_795_299_999.5)
                #expect(doc["step"] as? Double == 1)
                let series = try #require(doc["series"] as? [[String: Any]])
                let names = Set(series.compactMap { $0["name"] as? String })
                #expect(gauges.isSubset(of: names), "every gauge the tick recorded")
                #expect(names == gauges.union(["vitals_store_bytes", "vitals_store_series", "ALERTS"]))
                let load = try #require(series.first { $0["name"] as? String == "node_load1" })
                let points = try #require(load["points"] as? [Double])
                #expect(points.count == 1)
                #expect(abs(points[0] - (snapshot.load?.one ?? -1)) < 0.001)
            }
            // The same span in full form: [time, min, max, mean].
            try await client.execute(uri: "/api/v1/series?name=node_load1&from=1795299999.5&to=1795300000.5&points=1", method: .get) { response in
                let doc = try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any])
                let point = try #require(((doc["series"] as? [[String: Any]])?.first?["points"] as? [[Double]])?.first)
                #expect(point.count == 4)
                #expect(point[0] == 1_795_299_999.5)
            }
        }
    }

    @Test func seriesQueriesThatCannotBeAnsweredSayWhy() async throws {
        try await app(try AgentFixture.core()).test(.router) { client in
            for (uri, phrase) in [
                ("/api/v1/series?name=*&points=10000", "ask fewer points"),
                ("/api/v1/series?name=node_load1&from=1795300001&to=1795300000", "before to"),
                ("/api/v1/series?name=node_load1&from=yesterday", "seconds since the epoch"),
                ("/api/v1/series?name=node_load1&to=-5", "seconds since the epoch"),
                ("/api/v1/series?name=node_load1&from=1795299000&range=1h", "not both"),
                ("/api/v1/series?name=node_load1&from=1&to=1795300000", "366 days"),
                ("/api/v1/series?name=node_load1&fields=max", "all or mean"),
                ("/api/v1/series?name=node_load1&range=1y", "at most 366d"),
            ] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .badRequest, "\(uri)")
                    #expect(String(buffer: response.body).contains(phrase), "\(uri): \(String(buffer: response.body))")
                }
            }
        }
    }

    @Test func badRequestsGetProperStatusCodes() async throws {
        try await app(try AgentFixture.core()).test(.router) { client in
            try await client.execute(uri: "/nope", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/v1/series", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("name is required"))
            }
            try await client.execute(uri: "/api/v1/series?name=x&range=forever", method: .get) { #expect($0.status == .badRequest) }
            try await client.execute(uri: "/api/v1/series?name=x&points=0", method: .get) { #expect($0.status == .badRequest) }
            try await client.execute(uri: "/api/v1/series?name=x&match=device", method: .get) { #expect($0.status == .badRequest) }
            // The grammar the OpenAPI document gives, and nothing looser.
            for bad in ["name=x&match=", "name=x&match=device%20%3D%20%22sda%22", "name=x&match=device%3D%22sda%22%2C", "name=x&match=%7B%7D", "name=0.5", "name=a-b", "name=x&range=0.5", "name=x&range=90"] {
                try await client.execute(uri: "/api/v1/series?" + bad, method: .get) { #expect($0.status == .badRequest, "\(bad)") }
            }
            try await client.execute(uri: "/api/v1/series?name=x&match=%7Bdevice%3D%22sda%22%2Cmode%21%3D%22idle%22%7D", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/metrics", method: .post) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET, HEAD")
            }
            try await client.execute(uri: "/api/v1/alerts", method: .delete) { #expect($0.status == .methodNotAllowed) }
            try await client.execute(uri: "/metrics", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.body.readableBytes == 0)
                #expect(Int(response.headers[.contentLength] ?? "") ?? 0 > 1000, "HEAD names the length GET would send")
            }
        }
    }

    @Test func anAPIKeyGuardsAllButHealth() async throws {
        try await app(try AgentFixture.core(), key: "s3cret-key").test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate] == "Bearer realm=\"vitals\"")
            }
            try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer wrong"]) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer s3cret-key"]) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/v1/alerts?api_key=s3cret-key", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/v1/alerts?api_key=s3cret-ke", method: .get) { #expect($0.status == .unauthorized) }
        }
    }
}
