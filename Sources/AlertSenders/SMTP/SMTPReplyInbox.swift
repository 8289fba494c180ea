import NIOCore
import Synchronization

/// The replies as they come, for the delivery thread to take one at a time (`next`, on the event
/// loop): what arrived first is taken first, then a failure (a TLS error, the deadline, a refused
/// STARTTLS injection), then the end of the connection (nil).
final class SMTPReplyInbox: ChannelInboundHandler {
    typealias InboundIn = SMTPReply

    /// The first failure, kept where the delivery thread can read it once the channel is closed
    /// (its handlers gone with it).
    final class Cause: Sendable {
        private let first = Mutex<(any Error)?>(nil)
        var error: (any Error)? { first.withLock { $0 } }
        func note(_ error: any Error) { first.withLock { if $0 == nil { $0 = error } } }
    }

    private let cause: Cause
    private var replies: [SMTPReply] = []
    private var failure: (any Error)?
    private var closed = false
    private var waiting: EventLoopPromise<SMTPReply?>?

    init(cause: Cause) {
        self.cause = cause
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        replies.append(unwrapInboundIn(data))
        answer()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if failure == nil { failure = error }
        cause.note(error)
        answer()
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        closed = true
        answer()
        context.fireChannelInactive()
    }

    /// The next reply; call on the channel's event loop.
    func next(on loop: any EventLoop) -> EventLoopFuture<SMTPReply?> {
        let promise = loop.makePromise(of: SMTPReply?.self)
        waiting = promise
        answer()
        return promise.futureResult
    }

    private func answer() {
        guard let promise = waiting else { return }
        if !replies.isEmpty {
            waiting = nil
            promise.succeed(replies.removeFirst())
        } else if let failure {
            waiting = nil
            promise.fail(failure)
        } else if closed {
            waiting = nil
            promise.succeed(nil)
        }
    }
}
