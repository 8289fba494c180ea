import Logging
import NIOCore

/// Nearest the socket: counts the connection and enforces what Hummingbird's HTTP/1 channel
/// leaves open (it closes an idle connection only after a completed response).
///
/// - The request head (line and headers) must arrive within `headTimeout` of the connection's
///   accept, and of the first byte of each later request: else 408 and close. A connection that
///   sends nothing, one byte, or headers without the final blank line holds a slot for seconds,
///   not for ever. After a WebSocket upgrade (a `101` answer) the bytes are frames and are not
///   scanned. A body is passed on unscanned until the request is answered (the one route that
///   reads one, the rule check, answers after reading it whole; a body that arrives after its
///   answer would be taken for the next head, so a refused body's answer closes the connection).
/// - A connection beyond `maxConnections`, or beyond `perAddressLimit` from its address, is not
///   handed to the HTTP handlers: its request line is read here, `/healthz` and `/readyz` are
///   answered (so a saturated agent still says it is alive and ready), anything else gets 503
///   with Retry-After, and the connection closes.
/// - A connection that reads nothing of what is sent to it (its socket not writable) for
///   `stallTimeout` is closed: a stream client that stopped reading keeps no slot, and no answer
///   sits in memory for a client that will never take it.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let limits: GuardedServer.Limits
    let table: ConnectionTable
    let ready: @Sendable () -> Bool
    let logger: Logger

    private var address: String?
    private var isOverLimit = false
    private var overLine: [UInt8] = []
    private var headDeadline: Scheduled<Void>?
    private var stallDeadline: Scheduled<Void>?
    /// False once the connection is upgraded to a WebSocket.
    private var scanning = true
    private var inHead = false
    private var awaitingResponse = false
    /// The last two bytes of the head so far, to find its end (a blank line, CRLF or LF).
    private var previous: (UInt8, UInt8) = (0, 0)
    /// Requests the HTTP decoder delivered (`RequestGate` counts them) and not yet answered.
    private var unanswered = 0
    /// Response bytes written since the last flush.
    private var answering = false
    /// A parse error's answer, held until the answer to the request before it has gone out.
    private var refusal: (status: String, message: String)?

    init(limits: GuardedServer.Limits, table: ConnectionTable, ready: @escaping @Sendable () -> Bool, logger: Logger) {
        self.limits = limits
        self.table = table
        self.ready = ready
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { start(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        start(context)
        context.fireChannelActive()
    }

    private func start(_ context: ChannelHandlerContext) {
        guard address == nil else { return }
        let from = context.channel.remoteAddress?.ipAddress ?? "unknown"
        address = from
        isOverLimit = !table.open(address: from, limits: limits)
        inHead = true
        armHeadDeadline(context)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        if isOverLimit {
            overLine += buffer.readableBytesView.prefix(2048 - overLine.count)
            if overLine.contains(0x0A) || overLine.count >= 2048 { answerBeyondLimit(context) }
            return
        }
        if scanning, !awaitingResponse { scanHead(buffer, context) }
        context.fireChannelRead(data)
    }

    private func scanHead(_ buffer: ByteBuffer, _ context: ChannelHandlerContext) {
        for byte in buffer.readableBytesView {
            if !inHead {
                inHead = true
                armHeadDeadline(context)
            }
            let (a, b) = previous
            previous = (b, byte)
            // A blank line: "\n\n", or "\n\r\n".
            guard byte == 0x0A, b == 0x0A || (b == 0x0D && a == 0x0A) else { continue }
            inHead = false
            awaitingResponse = true
            previous = (0, 0)
            headDeadline?.cancel()
            headDeadline = nil
            return
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        answering = true
        if scanning, awaitingResponse {
            awaitingResponse = false
            if unwrapOutboundIn(data).readableBytesView.starts(with: Self.switching) {
                scanning = false
                headDeadline?.cancel()
                headDeadline = nil
                // From here the bytes are WebSocket frames: the gate reads HTTP request parts and
                // must not see them (a client's message reached it as bytes and stopped the
                // process). It leaves before the next read.
                if let gate = try? context.pipeline.syncOperations.context(handlerType: RequestGate.self) {
                    context.pipeline.syncOperations.removeHandler(context: gate, promise: nil)
                }
            }
        }
        context.write(data, promise: promise)
    }

    private static let switching = Array("HTTP/1.1 101".utf8)

    func flush(context: ChannelHandlerContext) {
        context.flush()
        if answering, unanswered > 0 { unanswered -= 1 }
        answering = false
        if let refusal, unanswered == 0 {
            self.refusal = nil
            Self.respond(context, status: refusal.status, message: refusal.message)
        }
    }

    /// The HTTP decoder delivered a request head.
    func requestArrived() { unanswered += 1 }

    /// Answers a request the HTTP decoder could not read, and closes; when a request before it
    /// (pipelined on the same connection) is still being answered, after that answer.
    func refuse(_ context: ChannelHandlerContext, status: String, message: String) {
        if unanswered > 0 || answering {
            refusal = (status, message)
        } else {
            Self.respond(context, status: status, message: message)
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            stallDeadline?.cancel()
            stallDeadline = nil
        } else if stallDeadline == nil {
            let channel = context.channel, table = table, logger = logger, from = address ?? "unknown", timeout = limits.stallTimeout
            stallDeadline = context.eventLoop.scheduleTask(in: timeout) {
                guard !channel.isWritable else { return }
                let count = table.stalls.wrappingAdd(1, ordering: .relaxed).newValue
                logger.warning("closed a connection from \(from): it read nothing sent to it for \(timeout.nanoseconds / 1_000_000_000) s (\(count) so far)")
                channel.close(promise: nil)
            }
        }
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) { finish() }

    private func finish() {
        headDeadline?.cancel()
        stallDeadline?.cancel()
        headDeadline = nil
        stallDeadline = nil
        if let address { table.close(address: address) }
        address = nil
    }

    private func armHeadDeadline(_ context: ChannelHandlerContext) {
        headDeadline?.cancel()
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        let table = table, logger = logger, from = address ?? "unknown", timeout = limits.headTimeout
        headDeadline = context.eventLoop.scheduleTask(in: timeout) {
            let count = table.headTimeouts.wrappingAdd(1, ordering: .relaxed).newValue
            logger.info("closed a connection from \(from): no complete request head within \(timeout.nanoseconds / 1_000_000) ms (\(count) so far)")
            Self.respond(loopBound.value, status: "408 Request Timeout", message: "the request line and headers did not arrive in time")
        }
    }

    /// A connection beyond a limit: the health paths answered, anything else refused.
    private func answerBeyondLimit(_ context: ChannelHandlerContext) {
        headDeadline?.cancel()
        headDeadline = nil
        let line = String(decoding: overLine.prefix { $0 != 0x0D && $0 != 0x0A }, as: UTF8.self).split(separator: " ")
        overLine = []
        let method = line.first.map(String.init) ?? ""
        let path = line.count > 1 ? String(line[1].prefix { $0 != "?" }) : ""
        let head = method == "HEAD"
        if method == "GET" || head, path == "/healthz" {
            Self.respond(context, status: "200 OK", message: "ok", headOnly: head)
        } else if method == "GET" || head, path == "/readyz" {
            if ready() {
                Self.respond(context, status: "200 OK", message: "ready", headOnly: head)
            } else {
                Self.respond(context, status: "503 Service Unavailable", message: "no snapshot yet", headOnly: head)
            }
        } else {
            table.refused.wrappingAdd(1, ordering: .relaxed)
            let which = table.open > limits.maxConnections ? "\(limits.maxConnections) in all" : "\(limits.perAddressLimit) from one address"
            Self.respond(context, status: "503 Service Unavailable", message: "too many connections (\(which)); try again later", extra: "Retry-After: 5\r\n")
        }
    }

    /// A complete HTTP/1.1 response written below the HTTP encoder, then the connection closed.
    static func respond(_ context: ChannelHandlerContext, status: String, message: String, extra: String = "", headOnly: Bool = false) {
        let body = message + "\n"
        let head = "HTTP/1.1 \(status)\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n\(extra)Content-Length: \(body.utf8.count)\r\n\r\n"
        // Closed from here, next to the socket: a close from the channel's tail passes the HTTP and
        // upgrade handlers, and one of them in the wrong state fails it ("Inappropriate operation
        // for state"), leaving the connection open after its 408 (seen under load).
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.writeAndFlush(NIOAny(ByteBuffer(string: headOnly ? head : head + body))).whenComplete { _ in bound.value.close(promise: nil) }
    }
}
