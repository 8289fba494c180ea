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

    /// The key as `Authorization: Bearer KEY` or `?api_key=KEY`, by the middleware's rule.
    static func carries(_ key: [UInt8], _ head: HTTPRequestHead) -> Bool {
        let query = head.uri.split(separator: "?", maxSplits: 1).dropFirst().first
        let parameter = query?.split(separator: "&").first { $0.hasPrefix("api_key=") }
            .map { Substring($0.dropFirst("api_key=".count).removingPercentEncoding ?? "") }
        return APIKeyComparison.accepts(key, authorization: head.headers["authorization"].first, apiKeyParameter: parameter)
    }
}
