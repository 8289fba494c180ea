import AlertDelivery
@testable import AlertSenders
import NIOCore
import NIOEmbedded
import Testing

/// The SMTP client's pure parts and its reply handler, on the hard cases a real server (or one
/// pretending) can produce.
@Suite struct SMTPProtocolTests {
    static func feed(_ lines: [String]) throws -> [SMTPReply] {
        var parser = SMTPReplyParser()
        return try lines.compactMap { try parser.feed(Array($0.utf8)) }
    }

    @Test func repliesAreGatheredFromTheirLines() throws {
        let replies = try Self.feed(["220 mx.example.com ESMTP", "250-mx.example.com greets you", "250-AUTH PLAIN LOGIN", "250-STARTTLS", "250 8BITMIME", "354"])
        #expect(replies.map(\.code) == [220, 250, 354])
        #expect(replies[1].lines == ["mx.example.com greets you", "AUTH PLAIN LOGIN", "STARTTLS", "8BITMIME"])
        #expect(replies[1].extensions["AUTH"] == ["PLAIN", "LOGIN"])
        #expect(replies[1].extensions["STARTTLS"] == [])
        #expect(replies[1].extensions["MX.EXAMPLE.COM"] == nil, "the greeting line is no extension")
        #expect(replies[2].lines == [""], "a bare code ends a reply")
    }

    @Test(arguments: ["", "22", "HTTP/1.1 400 Bad Request", "220x hello", "620 no such class", "1xx"])
    func whatIsNotAReplyIsRefused(_ line: String) {
        #expect(throws: SMTPError.self) { _ = try Self.feed([line]) }
    }

    @Test func aCodeThatChangesWithinAReplyOrEndlessLinesAreRefused() {
        #expect(throws: SMTPError.notSMTP("a reply whose code changes from 250 to 251")) { _ = try Self.feed(["250-a", "251 b"]) }
        #expect(throws: SMTPError.self) { _ = try Self.feed(Array(repeating: "250-more", count: SMTPReplyParser.maxLines + 1)) }
    }

    @Test func theMessageIsDotStuffedInCRLFAndEnded() {
        #expect(SMTPClient.dataSection("a\n.b\n..c\r\nd\n") == "a\r\n..b\r\n...c\r\nd\r\n.\r\n")
        #expect(SMTPClient.dataSection(".") == "..\r\n.\r\n", "a lone dot in the text is not the end")
        #expect(SMTPClient.dataSection("x") == "x\r\n.\r\n")
    }

    @Test func envelopeAddressesAreBareAndSafe() {
        #expect(SMTPClient.envelopeAddress("On Call <oncall@example.com>") == "oncall@example.com")
        #expect(SMTPClient.envelopeAddress(" ops@example.com ") == "ops@example.com")
        #expect(SMTPClient.envelopeAddress("not an address") == nil)
        #expect(SMTPClient.envelopeAddress("a@b>\r\nRCPT TO:<evil@example.com") == nil)
        #expect(SMTPClient.envelopeAddress("x <a@b\nc>") == nil)
    }

    @Test func smarthostForms() {
        #expect(SMTPSettings.parseSmarthost("smtp.example.com")! == ("smtp.example.com", nil))
        #expect(SMTPSettings.parseSmarthost("smtp.example.com:465")! == ("smtp.example.com", 465))
        #expect(SMTPSettings.parseSmarthost("[2001:db8::1]:587")! == ("2001:db8::1", 587))
        #expect(SMTPSettings.parseSmarthost("[::1]")! == ("::1", nil))
        for bad in ["", ":25", "host:0", "host:99999", "host:x", "a:b:c", "[::1", "[::1]x", "user@host", "http://host"] {
            #expect(SMTPSettings.parseSmarthost(bad) == nil, "\(bad)")
        }
        #expect(SMTPSettings(host: "h", security: .tls).port == 465)
        #expect(SMTPSettings(host: "h").port == 587)
    }

    @Test func bytesAfterTheGoAheadForSTARTTLSAreRefused() throws {
        // Greeting, EHLO, STARTTLS's 220 with an injected reply behind it in the same segment.
        let channel = EmbeddedChannel(handler: SMTPReplyHandler(upgradeAfterReplies: 3))
        try channel.writeInbound(ByteBuffer(string: "220 hi\r\n250-x\r\n250 STARTTLS\r\n"))
        #expect(try channel.readInbound(as: SMTPReply.self)?.code == 220)
        #expect(try channel.readInbound(as: SMTPReply.self)?.code == 250)
        #expect(throws: SMTPError.dataBeforeTLS) { try channel.writeInbound(ByteBuffer(string: "220 go ahead\r\n250 injected\r\n")) }
        // And in a later segment, before the handshake completed.
        let late = EmbeddedChannel(handler: SMTPReplyHandler(upgradeAfterReplies: 1))
        try late.writeInbound(ByteBuffer(string: "220 go ahead\r\n"))
        #expect(try late.readInbound(as: SMTPReply.self)?.code == 220)
        #expect(throws: SMTPError.dataBeforeTLS) { try late.writeInbound(ByteBuffer(string: "250 injected\r\n")) }
    }

    @Test func repliesSplitAcrossSegmentsAndLongLines() throws {
        let channel = EmbeddedChannel(handler: SMTPReplyHandler())
        try channel.writeInbound(ByteBuffer(string: "25"))
        try channel.writeInbound(ByteBuffer(string: "0-a\r"))
        try channel.writeInbound(ByteBuffer(string: "\n250 b\n"))
        #expect(try channel.readInbound(as: SMTPReply.self) == SMTPReply(code: 250, lines: ["a", "b"]))
        let flood = EmbeddedChannel(handler: SMTPReplyHandler())
        #expect(throws: SMTPError.self) { try flood.writeInbound(ByteBuffer(string: "250 " + String(repeating: "x", count: 5000))) }
    }

    @Test func errorsSayWhatAndNeverThePassword() {
        let rejected = SMTPError.rejected(step: "RCPT TO:<a@b>", reply: SMTPReply(code: 550, lines: ["5.1.1 no such user \u{1B}[2J"]))
        #expect(rejected.description == "the SMTP server refused RCPT TO:<a@b>: 550 5.1.1 no such user ␛[2J", "the escape shown, never obeyed")
        #expect(rejected.isPermanent)
        #expect(!SMTPError.rejected(step: "MAIL FROM:<a@b>", reply: SMTPReply(code: 451, lines: ["try later"])).isPermanent)
    }
}
