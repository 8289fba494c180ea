import NIOCore
import NIOTLS

/// Cuts the server's bytes into lines and the lines into replies (`SMTPReplyParser`).
///
/// For STARTTLS it is told when the go-ahead is expected (`upgradeAfterReplies`): any byte after
/// that reply and before the TLS handshake completes is refused (`SMTPError.dataBeforeTLS`), so a
/// reply injected in the clear can never be taken for one that came over TLS.
final class SMTPReplyHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = SMTPReply

    static let maxLineBytes = 4096
    private var parser = SMTPReplyParser()
    private var buffer = ByteBuffer()
    private var repliesLeftBeforeTLS: Int?
    private var awaitingHandshake = false
    private var failed = false

    /// `upgradeAfterReplies`: how many replies come in the clear (greeting, EHLO, STARTTLS: 3).
    init(upgradeAfterReplies: Int? = nil) {
        repliesLeftBeforeTLS = upgradeAfterReplies
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !failed else { return }
        var incoming = unwrapInboundIn(data)
        if awaitingHandshake, incoming.readableBytes > 0 {
            fail(context, SMTPError.dataBeforeTLS)
            return
        }
        buffer.writeBuffer(&incoming)
        do throws(SMTPError) {
            while let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
                var line = buffer.readBytes(length: newline - buffer.readerIndex + 1) ?? []
                line.removeLast()
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                guard let reply = try parser.feed(line) else { continue }
                context.fireChannelRead(wrapInboundOut(reply))
                if let left = repliesLeftBeforeTLS {
                    repliesLeftBeforeTLS = left - 1
                    if left == 1 {
                        // The go-ahead (or a refusal, after which nothing more is read anyway).
                        repliesLeftBeforeTLS = nil
                        awaitingHandshake = reply.code == 220
                        if awaitingHandshake, buffer.readableBytes > 0 {
                            fail(context, SMTPError.dataBeforeTLS)
                            return
                        }
                    }
                }
            }
            if buffer.readableBytes > Self.maxLineBytes { throw SMTPError.notSMTP("a line longer than \(Self.maxLineBytes) bytes") }
            buffer.discardReadBytes()
        } catch {
            fail(context, error)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case TLSUserEvent.handshakeCompleted = event { awaitingHandshake = false }
        context.fireUserInboundEventTriggered(event)
    }

    private func fail(_ context: ChannelHandlerContext, _ error: any Error) {
        failed = true
        context.fireErrorCaught(error)
        context.close(promise: nil)
    }
}
