import Glibc
import Hummingbird
import HummingbirdWebSocket

/// `GET /api/v1/stream` (WebSocket): on connect the full snapshot, then one frame per tick (see
/// StreamMessages). The API key is checked on the handshake (401 before any upgrade). The client
/// beyond `StreamHub.maxClients` is accepted, told why (`{"type":"refused",…}`) and closed with
/// 1013 (try again later) and the same reason; one that falls `maxLag` behind is closed with 1008.
enum StreamRoute {
    static func router(core: AgentCore, hub: StreamHub, apiKey: String?) -> Router<BasicWebSocketRequestContext> {
        let router = Router(context: BasicWebSocketRequestContext.self)
        if let apiKey { router.add(middleware: APIKeyMiddleware(key: Array(apiKey.utf8))) }
        router.ws("/api/v1/stream") { inbound, outbound, _ in
            // The first frame waits 50 ms after the upgrade: frames that reach a client in the
            // same read as the 101 response are lost by some clients (hummingbird-websocket's own,
            // measured in this project's tests; netty and others have had the same bug).
            try await Task.sleep(for: .milliseconds(50))
            guard let (id, wake) = hub.join(now: now()) else {
                // The reason first as a message, then the close: a client whose handler had not
                // started reading when a bare close arrived never saw it (hummingbird-websocket's
                // client, measured: 1 run in 8 under load hung).
                let reason = "too many stream clients (\(hub.maxClients)); try again later"
                try await outbound.write(.text(StreamMessages.refused(reason)))
                try await outbound.close(.init(codeNumber: 1013), reason: reason)
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
                group.addTask {
                    while !Task.isCancelled {
                        try await Task.sleep(for: .milliseconds(500))
                        if hub.isLagging(id, now: now()) {
                            try? await outbound.close(.init(codeNumber: 1008), reason: "too slow: more than \(Int(hub.maxLag)) s behind")
                            return
                        }
                    }
                }
                try await group.next()
                group.cancelAll()
            }
        }
        return router
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
