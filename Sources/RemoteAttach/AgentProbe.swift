import AsyncHTTPClient
import Dashboard
import Foundation
import NIOCore
import NIOHTTP1

/// The agent's HTTP side, as `vitals attach` uses it: who it is (`/api/v1/snapshot`) and the
/// series a backfill needs. Every request carries the API key and a deadline; every failure
/// comes back as an `AttachError`.
struct AgentProbe: Sendable {
    let target: AttachTarget
    let apiKey: String?
    /// Where the key came from, for messages.
    let keyFile: String?
    let client: HTTPClient

    /// What the agent's snapshot says about it.
    struct Identity: Sendable, Equatable {
        var host: String
        var time: Double
        var interval: Double
    }

    func identity() async throws(AttachError) -> Identity {
        let body = try await get("/api/v1/snapshot", limit: 64 << 20)
        struct Head: Decodable {
            var time: Double
            var host: String?
            var interval_seconds: Double?
        }
        guard let head = try? JSONDecoder().decode(Head.self, from: body) else {
            throw .notAnAgent(url: target.baseURL, detail: "/api/v1/snapshot did not answer with vitals' snapshot JSON")
        }
        let host = (head.host ?? "").isEmpty ? target.host : head.host!
        return Identity(host: host, time: head.time, interval: Self.roundedInterval(head.interval_seconds ?? 1))
    }

    /// The measured time between two collections (1.0003) as the configured interval (1).
    static func roundedInterval(_ seconds: Double) -> Double {
        guard seconds.isFinite, seconds > 0 else { return 1 }
        return seconds >= 1 ? (seconds * 10).rounded() / 10 : max(0.1, (seconds * 100).rounded() / 100)
    }

    func backfill(_ spans: [SeriesBackfill.Span]) async throws(AttachError) -> [RemoteTick] {
        var out: [RemoteTick] = []
        for span in spans {
            let body = try await get(span.path, limit: 256 << 20)
            do {
                out += try SeriesBackfill.decode(body)
            } catch {
                throw .notAnAgent(url: target.baseURL, detail: error.description)
            }
        }
        return out
    }

    func alerts() async throws(AttachError) -> [RemoteAlert] {
        let body = try await get("/api/v1/alerts", limit: 16 << 20)
        do {
            return try AlertsDecoder.decode(body)
        } catch {
            throw .notAnAgent(url: target.baseURL, detail: error.description)
        }
    }

    func get(_ path: String, limit: Int) async throws(AttachError) -> Data {
        var request = HTTPClientRequest(url: target.baseURL + path)
        if let apiKey { request.headers.add(name: "Authorization", value: "Bearer " + apiKey) }
        request.headers.add(name: "Accept", value: "application/json")
        do {
            let response = try await client.execute(request, timeout: .seconds(15))
            let buffer = try await response.body.collect(upTo: limit)
            switch response.status.code {
            case 200: return Data(buffer.readableBytesView)
            case 401: throw apiKey == nil ? AttachError.needsKey(url: target.baseURL) : AttachError.wrongKey(url: target.baseURL, file: keyFile ?? "the key file")
            case 503 where path.hasPrefix("/api/v1/snapshot"): throw AttachError.notReady(url: target.baseURL)
            case 404: throw AttachError.notAnAgent(url: target.baseURL, detail: "GET \(Self.pathOnly(path)) answered 404 (is the path prefix right?)")
            default:
                let text = String(decoding: buffer.readableBytesView.prefix(200), as: UTF8.self)
                throw AttachError.notAnAgent(url: target.baseURL, detail: "GET \(Self.pathOnly(path)) answered \(response.status.code): \(text)")
            }
        } catch let error as AttachError {
            throw error
        } catch {
            throw AttachError.classify(error, address: target.address)
        }
    }

    static func pathOnly(_ path: String) -> String {
        String(path.prefix { $0 != "?" })
    }
}
