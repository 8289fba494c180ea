import Foundation
import HummingbirdWSClient
import Logging
import Synchronization

/// One page of a browser over the DevTools protocol: commands with their answers, and every event
/// the page raised (console messages, exceptions, requests) kept for the test to read.
final class DevToolsPage: Sendable {
    private let pending = Mutex<[Int: CheckedContinuation<String, any Error>]>([:])
    private let recorded = Mutex<[Event]>([])
    private let nextID = Atomic<Int>(0)
    private let writer = Mutex<WebSocketOutboundWriter?>(nil)
    private let connection = Mutex<Task<Void, any Error>?>(nil)

    struct Event: Sendable {
        var method: String
        /// The event's parameters as JSON.
        var params: String
    }

    /// Connects to `url` (a page's `webSocketDebuggerUrl`); `close()` when done.
    static func open(_ url: String) async throws -> DevToolsPage {
        let page = DevToolsPage()
        var settings = WebSocketClientConfiguration()
        settings.maxFrameSize = 1 << 26
        let configuration = settings
        let connection = Task {
            _ = try await WebSocketClient.connect(url: url, configuration: configuration, logger: Logger(label: "devtools")) { inbound, outbound, _ in
                page.writer.withLock { $0 = outbound }
                for try await message in inbound.messages(maxSize: 1 << 26) {
                    if case let .text(text) = message { page.received(text) }
                }
            }
            page.writer.withLock { $0 = nil }
            page.failPending("the DevTools connection closed")
        }
        page.connection.withLock { $0 = connection }
        let deadline = Date().addingTimeInterval(10)
        while page.writer.withLock({ $0 == nil }), Date() < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        guard page.writer.withLock({ $0 != nil }) else {
            connection.cancel()
            let why = if case let .failure(error) = await connection.result { "\(error)" } else { "no answer" }
            throw DevToolsError("could not connect to \(url): \(why)")
        }
        return page
    }

    func close() async {
        try? await writer.withLock { $0 }?.close(.normalClosure, reason: nil)
        _ = await connection.withLock { $0 }?.result
    }

    /// Sends `method` with `params`; its `result` as JSON. Chromium's error, or none within 30 s, throws.
    @discardableResult
    func call(_ method: String, _ params: [String: Any] = [:]) async throws -> String {
        let id = nextID.add(1, ordering: .relaxed).newValue
        let text = Self.json(["id": id, "method": method, "params": params])
        guard let writer = writer.withLock({ $0 }) else { throw DevToolsError("not connected") }
        Task {
            try? await Task.sleep(for: .seconds(30))
            self.finish(id, .failure(DevToolsError("\(method): no answer within 30 s")))
        }
        return try await withCheckedThrowingContinuation { continuation in
            pending.withLock { $0[id] = continuation }
            Task {
                do { try await writer.write(.text(text)) } catch { self.finish(id, .failure(error)) }
            }
        }
    }

    /// `expression` evaluated in the page (a promise awaited), as text: `String(value)`.
    func text(_ expression: String) async throws -> String {
        let answer = try await call("Runtime.evaluate", [
            "expression": "(async () => String(await (\(expression))))()", "awaitPromise": true, "returnByValue": true,
        ])
        let object = Self.object(answer)
        if let exception = object["exceptionDetails"] as? [String: Any] {
            throw DevToolsError("\(expression): \((exception["exception"] as? [String: Any])?["description"] ?? exception["text"] ?? "threw")")
        }
        return ((object["result"] as? [String: Any])?["value"] as? String) ?? ""
    }

    /// Polls `expression` until it is `true` or `seconds` pass; true if it became so.
    func waitUntil(_ expression: String, seconds: Double) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if (try? await text(expression)) == "true" { return true }
            try? await Task.sleep(for: .milliseconds(200))
        }
        return (try? await text(expression)) == "true"
    }

    var events: [Event] { recorded.withLock { $0 } }

    /// What went wrong in the page: console errors, uncaught exceptions, and the browser's own
    /// error entries (a refused resource, a CSP violation, a failed load).
    var problems: [String] {
        events.compactMap { event in
            let params = Self.object(event.params)
            switch event.method {
            case "Runtime.consoleAPICalled" where ["error", "assert"].contains(params["type"] as? String):
                return "console: \(event.params)"
            case "Runtime.exceptionThrown":
                return "exception: \(event.params)"
            case "Log.entryAdded" where (params["entry"] as? [String: Any])?["level"] as? String == "error":
                return "log: \(event.params)"
            default:
                return nil
            }
        }
    }

    /// Every URL the page asked for: documents, scripts, fetches and WebSockets.
    var requestedURLs: [String] {
        events.compactMap { event in
            let params = Self.object(event.params)
            switch event.method {
            case "Network.requestWillBeSent": return (params["request"] as? [String: Any])?["url"] as? String
            case "Network.webSocketCreated": return params["url"] as? String
            default: return nil
            }
        }
    }

    /// Bytes each finished request took on the wire (headers and body, as the browser counted),
    /// by URL.
    var transferred: [(url: String, bytes: Int)] {
        var urls: [String: String] = [:]
        var out: [(url: String, bytes: Int)] = []
        for event in events {
            let params = Self.object(event.params)
            guard let id = params["requestId"] as? String else { continue }
            if event.method == "Network.requestWillBeSent", let url = (params["request"] as? [String: Any])?["url"] as? String {
                urls[id] = url
            } else if event.method == "Network.loadingFinished", let url = urls[id] {
                out.append((url, (params["encodedDataLength"] as? NSNumber)?.intValue ?? 0))
            }
        }
        return out
    }

    /// A PNG of the viewport.
    func screenshot() async throws -> Data {
        let answer = Self.object(try await call("Page.captureScreenshot", ["format": "png"]))
        guard let base64 = answer["data"] as? String, let data = Data(base64Encoded: base64) else { throw DevToolsError("no screenshot") }
        return data
    }

    private func received(_ text: String) {
        let object = Self.object(text)
        if let id = object["id"] as? Int {
            if let error = object["error"] as? [String: Any] {
                finish(id, .failure(DevToolsError("DevTools: \(error["message"] ?? error)")))
            } else {
                finish(id, .success(Self.json(object["result"] ?? [String: Any]())))
            }
        } else if let method = object["method"] as? String {
            let params = Self.json(object["params"] ?? [String: Any]())
            recorded.withLock { $0.append(Event(method: method, params: params)) }
        }
    }

    private func finish(_ id: Int, _ result: Result<String, any Error>) {
        pending.withLock { $0.removeValue(forKey: id) }?.resume(with: result)
    }

    private func failPending(_ reason: String) {
        let all = pending.withLock { all in
            defer { all = [:] }
            return all
        }
        for continuation in all.values { continuation.resume(throwing: DevToolsError(reason)) }
    }

    static func json(_ value: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed]) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    static func object(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }
}
