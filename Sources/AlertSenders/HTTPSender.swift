import AlertDelivery
import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOPosix
import VitalsCore

/// POSTs bodies with AsyncHTTPClient on one event-loop thread of its own, created only when an
/// HTTP notifier is configured. Calls block their (delivery) thread, never a tick or a frame.
final class HTTPSender: Sendable {
    private let group: MultiThreadedEventLoopGroup
    private let client: HTTPClient

    init() {
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        client = HTTPClient(eventLoopGroup: group, configuration: configuration)
    }

    func post(url: String, body: [UInt8], headers: [(String, String)], timeout: Double) -> SendResult {
        let request: HTTPClient.Request
        do {
            var fields = HTTPHeaders()
            fields.add(name: "Content-Type", value: "application/json")
            fields.add(name: "User-Agent", value: "vitals/" + VitalsVersion.current)
            for (name, value) in headers { fields.replaceOrAdd(name: name, value: value) }
            request = try HTTPClient.Request(url: url, method: .POST, headers: fields, body: .bytes(body))
        } catch {
            return .refused("bad URL: \(error)")
        }
        do {
            let response = try client.execute(request: request, deadline: .now() + .milliseconds(Int64(timeout * 1000))).wait()
            let status = Int(response.status.code)
            if (200..<300).contains(status) { return .delivered }
            let text = "HTTP \(status) \(response.status.reasonPhrase)"
            return RetryPolicy.isPermanent(status: status) ? .refused(text) : .failed(text)
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            return .failed("no answer within \(AlertDeliverer.seconds(timeout))")
        } catch {
            return .failed(Self.describe(error))
        }
    }

    func shutdown() {
        try? client.syncShutdown()
        try? group.syncShutdownGracefully()
    }

    static func describe(_ error: any Error) -> String {
        let text = "\(error)"
        if text.contains("connectionRefused") || text.contains("Connection refused") { return "connection refused" }
        return text
    }
}
