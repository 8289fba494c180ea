import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOHTTP1
import Synchronization

/// The agent's HTTP server: Hummingbird's HTTP/1 channel with the WebSocket upgrade, and two
/// guards around it that Hummingbird's upgrade pipeline lacks.
///
/// - At most `maxConnections` connections: the next is answered 503 (with Retry-After) and closed.
/// - A request whose line and headers exceed `maxRequestBytes` is answered 431, and one that is not
///   HTTP 400, then closed. (Measured before this: on the first request of a connection,
///   hummingbird-websocket 2.8.1 leaves a parse error unanswered and the connection open for ever.)
/// - A connection idle for `idleTimeout` is closed.
///
/// No route reads a request body, so a body costs nothing but the bytes on the wire.
enum GuardedServer {
    struct Limits: Sendable {
        var maxConnections = 256
        var maxRequestBytes = 64 << 10
        var idleTimeout: TimeAmount = .seconds(60)
    }

    static func builder(_ limits: Limits, webSocketRouter: Router<BasicWebSocketRequestContext>) -> HTTPServerBuilder {
        let webSocketResponder = webSocketRouter.buildResponder()
        let connections = ConnectionCount()
        let configuration = HTTP1WebSocketUpgradeChannel.Configuration(
            http1: .init(
                idleTimeout: limits.idleTimeout,
                httpDecoderConfiguration: .init(maxHeaderFieldSize: limits.maxRequestBytes, maxHeaderListSize: limits.maxRequestBytes)
            ),
            // A client that does not answer our close (one refused at connect may not have started
            // reading yet) is dropped after 2 s, not the library's 15 s.
            ws: .init(closeTimeout: .seconds(2))
        )
        return HTTPServerBuilder { responder in
            GuardedChannel(
                base: HTTP1WebSocketUpgradeChannel(responder: responder, webSocketResponder: webSocketResponder, configuration: configuration),
                limits: limits, connections: connections
            )
        }
    }
}

/// Open connections, across the event loop's channels.
final class ConnectionCount: Sendable {
    let value = Atomic<Int>(0)
}

/// Wraps a child channel: `ConnectionGuard` nearest the socket, `ParseErrorResponder` after the
/// HTTP handlers.
struct GuardedChannel<Base: ServerChildChannel>: ServerChildChannel {
    typealias Value = Base.Value
    let base: Base
    let limits: GuardedServer.Limits
    let connections: ConnectionCount

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        do {
            try channel.pipeline.syncOperations.addHandler(ConnectionGuard(limit: limits.maxConnections, connections: connections), position: .first)
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        return base.setup(channel: channel, logger: logger).flatMapThrowing { value in
            try channel.pipeline.syncOperations.addHandler(ParseErrorResponder(), position: .last)
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}

/// Counts the connection; refuses one beyond the limit; writes raw responses for the handlers
/// behind it (which speak HTTP parts, not bytes).
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    let limit: Int
    let connections: ConnectionCount
    private var counted = false

    init(limit: Int, connections: ConnectionCount) {
        self.limit = limit
        self.connections = connections
    }

    func handlerAdded(context: ChannelHandlerContext) {
        counted = true
        let open = connections.value.wrappingAdd(1, ordering: .relaxed).newValue
        if open > limit {
            if context.channel.isActive { refuse(context) } else { refuseWhenActive = true }
        }
    }

    private var refuseWhenActive = false

    func channelActive(context: ChannelHandlerContext) {
        context.fireChannelActive()
        if refuseWhenActive { refuse(context) }
    }

    func channelInactive(context: ChannelHandlerContext) {
        uncount()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) { uncount() }

    private func uncount() {
        guard counted else { return }
        counted = false
        connections.value.wrappingSubtract(1, ordering: .relaxed)
    }

    private func refuse(_ context: ChannelHandlerContext) {
        Self.respond(context, status: "503 Service Unavailable", message: "too many connections (\(limit)); try again later", extra: "Retry-After: 5\r\n")
    }

    /// A complete HTTP/1.1 response written below the HTTP encoder, then the connection closed.
    static func respond(_ context: ChannelHandlerContext, status: String, message: String, extra: String = "") {
        let body = message + "\n"
        let head = "HTTP/1.1 \(status)\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n\(extra)Content-Length: \(body.utf8.count)\r\n\r\n"
        let channel = context.channel
        context.writeAndFlush(NIOAny(ByteBuffer(string: head + body))).whenComplete { _ in channel.close(promise: nil) }
    }
}

/// Answers an HTTP parse error (a line that is not HTTP, headers beyond the limit) and closes.
final class ParseErrorResponder: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.fireChannelRead(data)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parse = error as? HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        guard let raw = try? context.pipeline.syncOperations.context(handlerType: ConnectionGuard.self) else {
            context.close(promise: nil)
            return
        }
        switch parse {
        case .headerOverflow:
            ConnectionGuard.respond(raw, status: "431 Request Header Fields Too Large", message: "request line and headers larger than server.max_request_bytes")
        default:
            ConnectionGuard.respond(raw, status: "400 Bad Request", message: "not an HTTP/1.1 request (\(parse))")
        }
    }
}
