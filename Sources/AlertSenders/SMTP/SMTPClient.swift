import AlertDelivery
import Glibc
import NIOCore
import NIOPosix
import NIOSSL
import VitalsCore

/// One mail over SMTP (RFC 5321) on SwiftNIO, with TLS from NIOSSL: implicit TLS or STARTTLS
/// (refused when the server does not offer it), AUTH PLAIN or LOGIN (over TLS only), the
/// envelope, the message dot-stuffed, QUIT. Certificates and host names are verified against the
/// system's roots plus `ca_file` unless `insecure_skip_verify` is set.
///
/// No Swift SMTP library is among the packages this project may use (Swift-SMTP of Kitura,
/// Perfect-SMTP and swift-smtp are not), so the client is kept this small: the protocol steps
/// and nothing else (no pipelining, no 8BITMIME: the message is 7-bit, its parts base64).
enum SMTPClient {
    /// Blocks the calling thread (a delivery thread; never an event loop's) until the server has
    /// taken the mail or the attempt failed. The connection, then the conversation, are bounded
    /// by `timeout` each.
    static func send(_ message: String, from: String, to: [String], settings: SMTPSettings, timeout: Double, group: any EventLoopGroup) throws {
        guard let sender = envelopeAddress(from) else { throw SMTPError.badAddress(from) }
        let recipients = try to.map { text throws(SMTPError) in
            guard let address = envelopeAddress(text) else { throw SMTPError.badAddress(text) }
            return address
        }
        let tls = settings.security == .none ? nil : try NIOSSLContext(configuration: tlsConfiguration(settings))
        let host = settings.host
        let security = settings.security
        let cause = SMTPReplyInbox.Cause()
        let channel = try ClientBootstrap(group: group)
            .connectTimeout(.milliseconds(Int64(timeout * 1000)))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if security == .tls, let tls { try channel.pipeline.syncOperations.addHandler(try clientHandler(tls, host: host)) }
                    try channel.pipeline.syncOperations.addHandler(SMTPReplyHandler(upgradeAfterReplies: security == .starttls ? 3 : nil))
                    try channel.pipeline.syncOperations.addHandler(SMTPReplyInbox(cause: cause))
                }
            }
            .connect(host: host, port: settings.port).wait()
        defer { channel.close(promise: nil) }
        // One deadline for the conversation: past it the connection is closed, which ends the
        // wait for the next reply with this error.
        let deadline = channel.eventLoop.scheduleTask(in: .milliseconds(Int64(timeout * 1000))) {
            channel.pipeline.fireErrorCaught(SMTPError.timedOut(seconds: timeout))
        }
        defer { deadline.cancel() }
        func expect(_ codes: Set<Int>, _ step: String) throws -> SMTPReply {
            let next = channel.eventLoop.flatSubmit {
                do {
                    return try channel.pipeline.syncOperations.handler(type: SMTPReplyInbox.self).next(on: channel.eventLoop)
                } catch {
                    return channel.eventLoop.makeFailedFuture(error)
                }
            }
            let answer: SMTPReply?
            do {
                answer = try next.wait()
            } catch {
                throw cause.error ?? error
            }
            guard let reply = answer else { throw cause.error ?? SMTPError.closed(during: step) }
            guard codes.contains(reply.code) else { throw SMTPError.rejected(step: step, reply: reply) }
            return reply
        }
        func say(_ text: String) throws {
            do {
                try channel.writeAndFlush(ByteBuffer(string: text)).wait()
            } catch {
                // A write fails on a channel already closed: the reason is what closed it (a
                // failed handshake, the deadline), not the write.
                throw cause.error ?? error
            }
        }
        let name = heloName()
        _ = try expect([220], "the greeting")
        try say("EHLO \(name)\r\n")
        var hello = try expect([250], "EHLO")
        if security == .starttls, let tls {
            guard hello.extensions["STARTTLS"] != nil else { throw SMTPError.noStartTLS }
            try say("STARTTLS\r\n")
            _ = try expect([220], "STARTTLS")
            try channel.eventLoop.submit {
                try channel.pipeline.syncOperations.addHandler(try clientHandler(tls, host: host), position: .first)
            }.wait()
            // What the server offered in the clear is forgotten (RFC 3207 §4.2).
            try say("EHLO \(name)\r\n")
            hello = try expect([250], "EHLO after STARTTLS")
        }
        if let user = settings.username, let password = settings.password {
            let mechanisms = hello.extensions["AUTH"] ?? []
            if mechanisms.contains("PLAIN") {
                try say("AUTH PLAIN " + Base64.encode(Array("\0\(user)\0\(password)".utf8)) + "\r\n")
                _ = try expect([235], "AUTH PLAIN for \(user)")
            } else if mechanisms.contains("LOGIN") {
                try say("AUTH LOGIN\r\n")
                _ = try expect([334], "AUTH LOGIN")
                try say(Base64.encode(Array(user.utf8)) + "\r\n")
                _ = try expect([334], "AUTH LOGIN for \(user)")
                try say(Base64.encode(Array(password.utf8)) + "\r\n")
                _ = try expect([235], "AUTH LOGIN for \(user)")
            } else {
                throw SMTPError.noAuthMechanism(mechanisms)
            }
        }
        try say("MAIL FROM:<\(sender)>\r\n")
        _ = try expect([250], "MAIL FROM:<\(sender)>")
        for recipient in recipients {
            try say("RCPT TO:<\(recipient)>\r\n")
            _ = try expect([250, 251], "RCPT TO:<\(recipient)>")
        }
        try say("DATA\r\n")
        _ = try expect([354], "DATA")
        try say(dataSection(message))
        _ = try expect([250], "the message")
        // The mail is accepted; a server that does not answer QUIT changes nothing.
        try? say("QUIT\r\n")
        _ = try? expect([221], "QUIT")
    }

    static func tlsConfiguration(_ settings: SMTPSettings) -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        if let file = settings.caFile { configuration.additionalTrustRoots = [.file(file)] }
        if settings.insecureSkipVerify { configuration.certificateVerification = .none }
        return configuration
    }

    /// SNI and the name checked against the certificate; for an address, the certificate's IP
    /// entries are checked instead (NIOSSL does so when no host name is given).
    static func clientHandler(_ context: NIOSSLContext, host: String) throws -> NIOSSLClientHandler {
        try NIOSSLClientHandler(context: context, serverHostname: isAddressLiteral(host) ? nil : host)
    }

    static func isAddressLiteral(_ host: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }

    /// The bare address of `Name <user@host>` or `user@host`; nil for anything that could break
    /// the envelope (line breaks, angle brackets inside, no @).
    static func envelopeAddress(_ text: String) -> String? {
        var address = Substring(text)
        if let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close {
            address = text[text.index(after: open)..<close]
        }
        address = address.drop { $0 == " " }
        while address.last == " " { address = address.dropLast() }
        guard address.contains("@"), !address.contains(where: { $0 == "<" || $0 == ">" || $0.isNewline || $0 == " " || $0.asciiValue.map { $0 < 0x20 } == true })
        else { return nil }
        return String(address)
    }

    /// The message as DATA sends it: CRLF line ends, a leading dot doubled (RFC 5321 §4.5.2),
    /// then the lone dot that ends it.
    static func dataSection(_ message: String) -> String {
        var lines = message.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var line = line
            if line.last == "\r" { line = line.dropLast() }
            return line.first == "." ? "." + line : String(line)
        }
        if lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\r\n") + "\r\n.\r\n"
    }

    /// This host's name for EHLO.
    static func heloName() -> String {
        var bytes = [CChar](repeating: 0, count: 256)
        guard gethostname(&bytes, bytes.count - 1) == 0 else { return "localhost" }
        let name = String(decoding: bytes.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty || name.contains(where: { $0 == " " || $0.isNewline }) ? "localhost" : name
    }
}
