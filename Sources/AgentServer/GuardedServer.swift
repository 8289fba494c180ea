import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOHTTP1

/// The agent's HTTP server: Hummingbird's HTTP/1 channel with the WebSocket upgrade, and guards
/// around it that Hummingbird's pipeline lacks (`ConnectionGuard`, `ParseErrorResponder`).
///
/// - At most `maxConnections` connections, and `perAddressLimit` from one address: beyond them a
///   connection gets 503 with Retry-After, but `/healthz` and `/readyz` are still answered.
/// - The request head must arrive within `headTimeout` (408 otherwise); a connection that reads
///   nothing sent to it for `stallTimeout` is closed.
/// - A request whose line and headers exceed `maxRequestBytes` is answered 431, and one that is not
///   HTTP 400, then closed. (Measured before this: on the first request of a connection,
///   hummingbird-websocket 2.8.1 leaves a parse error unanswered and the connection open for ever.)
/// - A connection idle for `idleTimeout` after an answer is closed.
///
/// Only the rule check reads a request body (1 MiB at most); elsewhere a body costs nothing but
/// the bytes on the wire.
enum GuardedServer {
    struct Limits: Sendable {
        var maxConnections = 256
        var maxRequestBytes = 64 << 10
        var idleTimeout: TimeAmount = .seconds(60)
        /// nil: half of `maxConnections` (one client, or one address behind NAT, cannot take them all).
        var maxConnectionsPerAddress: Int?
        var headTimeout: TimeAmount = .seconds(5)
        /// A stream client's `stream_max_lag` plus the 2 s its close handshake is given.
        var stallTimeout: TimeAmount = .seconds(32)
        /// A WebSocket ping every half `stream_max_lag`; a client that has not answered one when
        /// the next is due is closed (1001). A client that stopped reading answers none: it goes
        /// within `stream_max_lag` of its last read, while the kernel's buffers (megabytes, many
        /// minutes of a web client's messages) would have hidden it from `StreamHub`'s lag.
        var pingPeriod: Duration = .seconds(15)

        var perAddressLimit: Int { maxConnectionsPerAddress ?? max(1, maxConnections / 2) }
    }

    static func builder(
        _ limits: Limits, webSocketRouter: Router<BasicWebSocketRequestContext>, apiKey: String? = nil,
        ready: @escaping @Sendable () -> Bool = { true }, table: ConnectionTable = ConnectionTable()
    ) -> HTTPServerBuilder {
        let webSocketResponder = webSocketRouter.buildResponder()
        let configuration = HTTP1WebSocketUpgradeChannel.Configuration(
            http1: .init(
                idleTimeout: limits.idleTimeout,
                httpDecoderConfiguration: .init(maxHeaderFieldSize: limits.maxRequestBytes, maxHeaderListSize: limits.maxRequestBytes)
            ),
            // A client that does not answer our close (one refused at connect may not have started
            // reading yet) is dropped after 2 s, not the library's 15 s.
            ws: .init(autoPing: .enabled(timePeriod: limits.pingPeriod), closeTimeout: .seconds(2))
        )
        return HTTPServerBuilder { responder in
            GuardedChannel(
                base: HTTP1WebSocketUpgradeChannel(responder: responder, webSocketResponder: webSocketResponder, configuration: configuration),
                limits: limits, table: table, apiKey: apiKey, ready: ready
            )
        }
    }
}

/// Wraps a child channel: `ConnectionGuard` nearest the socket, `ParseErrorResponder` after the
/// HTTP handlers.
struct GuardedChannel<Base: ServerChildChannel>: ServerChildChannel {
    typealias Value = Base.Value
    let base: Base
    let limits: GuardedServer.Limits
    let table: ConnectionTable
    let apiKey: String?
    let ready: @Sendable () -> Bool

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let guardHandler = ConnectionGuard(limits: limits, table: table, ready: ready, logger: logger)
        do {
            try channel.pipeline.syncOperations.addHandler(guardHandler, position: .first)
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        let bound = NIOLoopBound(guardHandler, eventLoop: channel.eventLoop)
        return base.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let guardHandler = bound.value
            let pipeline = channel.pipeline.syncOperations
            let decoder = try pipeline.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
            let gate = RequestGate(key: apiKey, connectionGuard: guardHandler, guardContext: try pipeline.context(handler: guardHandler))
            try pipeline.addHandler(gate, position: .after(decoder))
            try pipeline.addHandler(ParseErrorResponder(), position: .last)
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
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
        guard let raw = try? context.pipeline.syncOperations.context(handlerType: ConnectionGuard.self),
              let connectionGuard = raw.handler as? ConnectionGuard
        else {
            context.close(promise: nil)
            return
        }
        switch parse {
        case .headerOverflow:
            connectionGuard.refuse(raw, status: "431 Request Header Fields Too Large", message: "request line and headers larger than server.max_request_bytes")
        default:
            connectionGuard.refuse(raw, status: "400 Bad Request", message: "not an HTTP/1.1 request (\(parse))")
        }
    }
}
