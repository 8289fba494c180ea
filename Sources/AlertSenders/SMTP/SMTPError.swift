import VitalsCore

/// Why a mail was not sent over SMTP, as the status line and the outbox say it. Server text is
/// sanitised (it reaches a terminal); a password never appears.
enum SMTPError: Error, Equatable, CustomStringConvertible {
    /// The server answered `code` to `step` (`RCPT TO:<a@example.com>`, `AUTH`…).
    case rejected(step: String, reply: SMTPReply)
    case notSMTP(String)
    case noStartTLS
    case noAuthMechanism([String])
    /// Bytes arrived between the server's go-ahead for STARTTLS and the handshake: they would be
    /// read as if they came over TLS (the STARTTLS command-injection attack), so nothing is sent.
    case dataBeforeTLS
    case closed(during: String)
    case timedOut(seconds: Double)
    case badAddress(String)

    var description: String {
        switch self {
        case let .rejected(step, reply):
            "the SMTP server refused \(TextSanitizer.sanitize(step)): \(reply.code) \(TextSanitizer.sanitize(String(reply.text.prefix(200))))"
        case let .notSMTP(text): "the server does not speak SMTP (it said \"\(TextSanitizer.sanitize(text))\")"
        case .noStartTLS: "TLS: the SMTP server does not offer STARTTLS (smtp_tls: tls for port 465, none for a relay on this host)"
        case let .noAuthMechanism(offered):
            "the SMTP server offers no authentication vitals speaks (PLAIN, LOGIN)" + (offered.isEmpty ? "" : "; it offers \(TextSanitizer.sanitize(offered.joined(separator: " ")))")
        case .dataBeforeTLS: "TLS: the SMTP server sent data before the TLS handshake (refused: a possible injection)"
        case let .closed(step): "the SMTP server closed the connection during \(step)"
        case let .timedOut(seconds): "no answer within \(AlertDeliverer.seconds(seconds))"
        case let .badAddress(text): "\"\(TextSanitizer.sanitize(text))\" is not a mail address"
        }
    }

    /// A 5xx answer, a missing capability or a bad address: trying again will not help.
    var isPermanent: Bool {
        switch self {
        case let .rejected(_, reply): reply.code >= 500
        case .noStartTLS, .noAuthMechanism, .badAddress: true
        case .notSMTP, .dataBeforeTLS, .closed, .timedOut: false
        }
    }
}
