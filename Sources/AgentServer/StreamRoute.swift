import Glibc
import Hummingbird
import HummingbirdWebSocket
import VitalsCore

/// `GET /api/v1/stream` (WebSocket): on connect the full snapshot, then one frame per tick (see
/// StreamMessages). The API key is checked on the handshake (401 before any upgrade). The client
/// beyond `StreamHub.maxClients` is accepted, told why (`{"type":"refused",…}`) and closed with
/// 1013 (try again later) and the same reason; one that falls `maxLag` behind is closed with 1008.
///
/// `GET /api/system/ws` (and `/ws/system`, the same): the web clients' stream (`WebStreamMessages`),
/// one JSON object per message, by channel (the defaults, or those `?channels=a,b` names: an
/// unknown name is one error message and the defaults); the same key, limits and closes.
enum StreamRoute {
    static let webPaths = ["/api/system/ws", "/ws/system"]
    /// Messages a second a web client may send (a burst of twice as many); beyond, one error a
    /// second and the message is ignored.
    static let clientMessagesPerSecond = 10.0

    static func router(core: AgentCore, hub: StreamHub, apiKey: String?) -> Router<BasicWebSocketRequestContext> {
        let router = Router(context: BasicWebSocketRequestContext.self)
        if let apiKey { router.add(middleware: APIKeyMiddleware(key: Array(apiKey.utf8))) }
        router.ws("/api/v1/stream") { inbound, outbound, _ in
            // The first frame waits 50 ms after the upgrade: frames that reach a client in the
            // same read as the 101 response are lost by some clients (hummingbird-websocket's own,
            // measured in this project's tests; netty and others have had the same bug).
            try await Task.sleep(for: .milliseconds(50))
            guard let (id, wake) = hub.join(now: now()) else {
                try await refuse(outbound, hub: hub, saying: StreamMessages.refused)
                return
            }
            defer { hub.leave(id) }
            if let snapshot = core.snapshotJSON() { try await outbound.write(.text(StreamMessages.snapshot(snapshot))) }
            if let statuses = core.containersOnConnect() { try await outbound.write(.text(statuses)) }
            hub.wrote(id, now: now())
            try await withThrowingTaskGroup(of: Void.self) { group in
                // The client's own messages are read and dropped; the loop ends when it closes.
                group.addTask { for try await _ in inbound {} }
                group.addTask {
                    for await _ in wake {
                        guard let frame = hub.take(id) else { continue }
                        try await outbound.write(.text(frame))
                        hub.wrote(id, now: now())
                    }
                }
                group.addTask { await closeWhenLagging(outbound, id: id, hub: hub) }
                try await group.next()
                group.cancelAll()
            }
        }
        for path in webPaths {
            router.ws(RouterPath(path)) { inbound, outbound, context in
                try await Task.sleep(for: .milliseconds(50))
                var channels = WebStreamChannel.defaults
                var problem: String?
                switch WebClientMessage.channels(query: context.request.uri.queryParameters["channels"]) {
                case let .success(asked): channels = asked
                case let .failure(p): problem = p.reason
                case nil: break
                }
                guard let (id, wake) = hub.join(now: now(), channels: channels) else {
                    try await refuse(outbound, hub: hub, saying: WebStreamMessages.error)
                    return
                }
                defer { hub.leave(id) }
                if let problem { try await outbound.write(.text(WebStreamMessages.error(problem))) }
                for item in core.webItemsOnConnect() where item.channel.map(channels.contains) ?? true {
                    try await outbound.write(.text(item.text))
                }
                hub.wrote(id, now: now())
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await readClient(inbound, id: id, hub: hub) }
                    group.addTask {
                        for await _ in wake {
                            for text in hub.takeMessages(id, now: now()) { try await outbound.write(.text(text)) }
                            hub.wrote(id, now: now())
                        }
                    }
                    group.addTask { await closeWhenLagging(outbound, id: id, hub: hub) }
                    try await group.next()
                    group.cancelAll()
                }
            }
        }
        return router
    }

    /// A web client's messages: subscriptions and pings answered through its queue (one writer
    /// per connection), anything else with one error; the connection stays open.
    static func readClient(_ inbound: WebSocketInboundStream, id: Int, hub: StreamHub) async throws {
        var bucket = TokenBucket(rate: clientMessagesPerSecond, burst: clientMessagesPerSecond * 2, now: now())
        var lastRefusal = 0.0
        for try await message in inbound.messages(maxSize: WebClientMessage.maxBytes) {
            let time = now()
            guard bucket.take(now: time) else {
                if time - lastRefusal >= 1 {
                    lastRefusal = time
                    hub.reply(id, WebStreamMessages.error("too many messages: at most \(Int(clientMessagesPerSecond)) a second; this one was ignored"))
                }
                continue
            }
            guard case let .text(text) = message else {
                hub.reply(id, WebStreamMessages.error("binary message: send JSON text"))
                continue
            }
            switch WebClientMessage.parse(text) {
            case let .failure(problem):
                hub.reply(id, WebStreamMessages.error(problem.reason))
            case .success(.ping):
                hub.reply(id, WebStreamMessages.pong(time: time))
            case let .success(.subscribe(channels)):
                if let now = hub.subscribe(id, { $0.formUnion(channels) }) { hub.reply(id, WebStreamMessages.subscribed(now)) }
            case let .success(.unsubscribe(channels)):
                if let now = hub.subscribe(id, { $0.subtract(channels) }) { hub.reply(id, WebStreamMessages.subscribed(now)) }
            }
        }
    }

    /// The client beyond the limit: the reason first as a message (`saying` it in the stream's
    /// shape), then the close: a client whose handler had not started reading when a bare close
    /// arrived never saw it (hummingbird-websocket's client, measured: 1 run in 8 under load hung).
    static func refuse(_ outbound: WebSocketOutboundWriter, hub: StreamHub, saying message: (String) -> String) async throws {
        let reason = "too many stream clients (\(hub.maxClients)); try again later"
        try await outbound.write(.text(message(reason)))
        try await outbound.close(.init(codeNumber: 1013), reason: reason)
    }

    /// Closes the connection with 1008 when the client falls `maxLag` behind.
    static func closeWhenLagging(_ outbound: WebSocketOutboundWriter, id: Int, hub: StreamHub) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(500))
            if hub.isLagging(id, now: now()) {
                try? await outbound.close(.init(codeNumber: 1008), reason: "too slow: more than \(Int(hub.maxLag)) s behind")
                return
            }
        }
    }

    static func now() -> Double { WallClock.now() }
}
