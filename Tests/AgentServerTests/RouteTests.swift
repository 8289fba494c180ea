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
