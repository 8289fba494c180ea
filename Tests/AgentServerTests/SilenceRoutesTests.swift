@testable import AgentServer
import AlertDelivery
import AlertJournal
import Alerting
import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// Silences over the API, through Hummingbird's router test framework: made, listed, covering the
/// fixture's firing alert, recorded in alerts.sqlite, ended; refused on a read-only agent, without
/// the key, and when the request is wrong.
@Suite struct SilenceRoutesTests {
    func app(_ core: AgentCore, settings: AgentRoutes.Settings = .init()) -> some ApplicationProtocol {
        Application(router: AgentRoutes.router(core: core, settings: settings))
    }

    func object(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any], "\(String(buffer: response.body))")
    }

    @Test func madeListedCoveringRecordedAndEnded() async throws {
        let dir = Fixtures.temporaryDirectory("vitals-api-silences")
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        let journal = try AlertJournal.open(directory: dir, now: 1_795_300_000)
        let core = try AgentFixture.core(journal: journal)
        try await app(core).test(.router) { client in
            var id = ""
            let body = #"{"matchers": "alertname=\"load-high\"", "duration": "2h", "comment": "swapping a disk", "created_by": "ann"}"#
            try await client.execute(uri: "/api/v1/silences", method: .post, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .created, "\(String(buffer: response.body))")
                let silence = try #require(try object(response)["data"] as? [String: Any])
                id = try #require(silence["id"] as? String)
                #expect(response.headers[.location] == "/api/v1/silences/" + id)
                #expect(silence["state"] as? String == "active" && silence["comment"] as? String == "swapping a disk" && silence["created_by"] as? String == "ann")
                #expect((silence["matchers"] as? [[String: String]]) == [["name": "alertname", "op": "=", "value": "load-high"]])
            }
            // The list form too, and it shows among the running.
            let list = #"{"matchers": [{"name": "host", "op": "=~", "value": "db.*"}, {"name": "alertname", "op": "=", "value": "disk-full"}], "duration": 600, "comment": "c", "created_by": "bo"}"#
            try await client.execute(uri: "/api/v1/silences", method: .post, body: ByteBuffer(string: list)) { response in
                #expect(response.status == .created, "\(String(buffer: response.body))")
            }
            try await client.execute(uri: "/api/v1/silences", method: .get) { response in
                let silences = try #require((try object(response)["data"] as? [String: Any])?["silences"] as? [[String: Any]])
                #expect(silences.count == 2 && silences.allSatisfy { $0["state"] as? String == "active" })
            }
            // The fixture's firing alert is covered: the status counts it silenced.
            try await client.execute(uri: "/api/v1/status", method: .get) { response in
                let alerts = try #require((try object(response)["data"] as? [String: Any])?["alerts"] as? [String: Any])
                #expect(alerts["silenced"] as? Int == 1)
            }
            try await client.execute(uri: "/api/v1/silences/" + id, method: .delete) { response in
                #expect(response.status == .ok)
                let silence = try object(response)["data"] as? [String: Any]
                #expect(silence?["state"] as? String == "expired")
            }
            try await client.execute(uri: "/api/v1/silences/" + id, method: .delete) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/silences/" + id, method: .get) { response in
                #expect(response.status == .methodNotAllowed && response.headers[.allow] == "DELETE")
            }
            // In the file: both, the first ended.
            journal.drain()
            let recorded = try journal.silences()
            #expect(recorded.count == 2)
            #expect(recorded.first { $0.id == id }.map { $0.until < $0.from + 60 } == true, "ended at once, not after 2 h")
            #expect(recorded.contains { $0.createdBy == "bo" && $0.matchers.count == 2 })
        }
    }

    @Test(arguments: [
        ("", "JSON"), ("[]", "JSON"), (#"{"duration": "2h", "comment": "c", "created_by": "a"}"#, "matchers is required"),
        (#"{"matchers": "host=db1", "duration": "2h", "comment": "c", "created_by": "a"}"#, "double quotes"),
        (#"{"matchers": "team!=\"x\"", "duration": "2h", "comment": "c", "created_by": "a"}"#, "every alert"),
        (#"{"matchers": [{"name": "1x", "op": "=", "value": "a"}], "duration": "2h", "comment": "c", "created_by": "a"}"#, "label name"),
        (#"{"matchers": [{"name": "x", "value": "a"}], "duration": "2h", "comment": "c", "created_by": "a"}"#, "JSON"),
        (#"{"matchers": [{"name": "x", "op": "=", "value": ""}, {"name": "y", "op": "=", "value": "b"}], "duration": "2h", "comment": "c", "created_by": "a"}"#, "the value is empty"),
        (#"{"matchers": [{"name": "x", "op": "~", "value": "a"}], "duration": "2h", "comment": "c", "created_by": "a"}"#, "op must be"),
        (#"{"matchers": "x=~\"(\"", "duration": "2h", "comment": "c", "created_by": "a"}"#, "regular expression"),
        (#"{"matchers": "x=\"a\"", "duration": "10s", "comment": "c", "created_by": "a"}"#, "1m to 366d"),
        (#"{"matchers": "x=\"a\"", "duration": "2h", "created_by": "a"}"#, "comment is required"),
        (#"{"matchers": "x=\"a\"", "duration": "2h", "comment": "c", "created_by": ""}"#, "created_by is required"),
    ])
    func wrongRequestsSayWhy(_ body: String, _ reason: String) async throws {
        try await app(try AgentFixture.core()).test(.router) { client in
            try await client.execute(uri: "/api/v1/silences", method: .post, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .badRequest, "\(body)")
                let error = try object(response)["error"] as? String
                #expect(error?.contains(reason) == true, "\(String(buffer: response.body))")
            }
        }
    }

    @Test func readOnlyAndKeyedAgentsRefuseWrites() async throws {
        let body = #"{"matchers": "alertname=\"load-high\"", "duration": "2h", "comment": "c", "created_by": "a"}"#
        try await app(try AgentFixture.core(), settings: .init(readOnly: true)).test(.router) { client in
            try await client.execute(uri: "/api/v1/silences", method: .post, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .forbidden)
                let error = try object(response)["error"] as? String
                #expect(error?.contains("server.read_only") == true)
            }
            try await client.execute(uri: "/api/v1/silences/0000000000000001", method: .delete) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/api/v1/silences", method: .get) { #expect($0.status == .ok) }
        }
        let key = "silence-key-0123456789abcdef"
        try await app(try AgentFixture.core(), settings: .init(apiKey: key)).test(.router) { client in
            try await client.execute(uri: "/api/v1/silences", method: .post, body: ByteBuffer(string: body)) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/api/v1/silences", method: .post, headers: [.authorization: "Bearer " + key], body: ByteBuffer(string: body)) {
                #expect($0.status == .created)
            }
        }
    }
}
