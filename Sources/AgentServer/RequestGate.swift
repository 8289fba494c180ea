import Foundation
import NIOCore
import NIOHTTP1

/// Right after the HTTP decoder: tells `ConnectionGuard` that a request arrived (so the answer to
/// a parse error after it waits for its own), and refuses a WebSocket handshake that lacks the API
/// key with 401 before the upgrade machinery sees it (hummingbird-websocket answers any refused
/// upgrade with an empty 400, which says nothing of why).
final class RequestGate: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    let key: [UInt8]?
    let connectionGuard: ConnectionGuard
    let guardContext: ChannelHandlerContext
    private var dropping = false

    init(key: String?, connectionGuard: ConnectionGuard, guardContext: ChannelHandlerContext) {
        self.key = key.map { Array($0.utf8) }
        self.connectionGuard = connectionGuard
        self.guardContext = guardContext
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case let .head(head):
            connectionGuard.requestArrived()
            if let key, Self.isHandshake(head), !Self.carries(key, head) {
                dropping = true
                ConnectionGuard.respond(
                    guardContext, status: "401 Unauthorized", message: "401 unauthorized: send Authorization: Bearer KEY (or ?api_key=KEY)",
                    extra: "WWW-Authenticate: Bearer realm=\"vitals\"\r\n"
                )
                return
            }
            dropping = false
        case .body, .end:
            if dropping { return }
        }
        context.fireChannelRead(data)
    }

    static func isHandshake(_ head: HTTPRequestHead) -> Bool {
        head.headers["upgrade"].contains { $0.lowercased() == "websocket" }
    }

    /// The key as `Authorization: Bearer KEY` or `?api_key=KEY`, compared as APIKeyMiddleware does.
    static func carries(_ key: [UInt8], _ head: HTTPRequestHead) -> Bool {
        if let header = head.headers["authorization"].first, header.hasPrefix("Bearer ") {
            return APIKeyComparison.constantTimeEqual(Array(header.dropFirst("Bearer ".count).utf8), key)
        }
        guard let query = head.uri.split(separator: "?", maxSplits: 1).dropFirst().first else { return false }
        for pair in query.split(separator: "&") where pair.hasPrefix("api_key=") {
            let value = pair.dropFirst("api_key=".count).removingPercentEncoding ?? ""
            return APIKeyComparison.constantTimeEqual(Array(value.utf8), key)
        }
        return false
    }
}
