import Glibc

/// Why `vitals attach` could not connect, or lost the link: one clear sentence each.
public enum AttachError: Error, CustomStringConvertible, Equatable {
    case refused(address: String)
    case unreachable(address: String, detail: String)
    case timedOut(address: String)
    case tls(address: String, detail: String)
    case needsKey(url: String)
    case wrongKey(url: String, file: String)
    case notAnAgent(url: String, detail: String)
    case notReady(url: String)
    case streamRefused(reason: String)
    case streamClosed(detail: String)
    case stalled(seconds: Int)

    public var description: String {
        switch self {
        case let .refused(address):
            "connection refused by \(address): is `vitals agent` running there, listening on that address?"
        case let .unreachable(address, detail):
            "cannot reach \(address): \(detail)"
        case let .timedOut(address):
            "\(address) did not answer in time (no route, or a firewall dropping packets?)"
        case let .tls(address, detail):
            "TLS with \(address) failed: \(detail) (the agent itself speaks plain http; https needs a TLS proxy in front of it)"
        case let .needsKey(url):
            "the agent at \(url) wants an API key: pass --api-key-file FILE"
        case let .wrongKey(url, file):
            "the agent at \(url) refused the API key in \(file) (401)"
        case let .notAnAgent(url, detail):
            "\(url) does not answer as a vitals agent: \(detail)"
        case let .notReady(url):
            "the agent at \(url) has no snapshot yet"
        case let .streamRefused(reason):
            "the agent turned the stream away: \(reason)"
        case let .streamClosed(detail):
            "the stream closed: \(detail)"
        case let .stalled(seconds):
            "no tick from the agent for \(seconds) s"
        }
    }

    /// A transport error (AsyncHTTPClient, NIO, NIOSSL, the WebSocket client) in one sentence.
    /// Matched by type name and text, so this module needs none of those packages' error types.
    public static func classify(_ error: any Error, address: String) -> AttachError {
        if let known = error as? AttachError { return known }
        let type = String(reflecting: Swift.type(of: error))
        let text = String(describing: error)
        if type.contains("SSL") || type.contains("TLS") || text.contains("SSL") || text.contains("tlsHandshake") {
            return .tls(address: address, detail: tlsDetail(text))
        }
        if text.contains("connectTimeout") || text.contains("Timeout") || text.contains("deadlineExceeded") || text.contains("timedOut") {
            return .timedOut(address: address)
        }
        if text.contains("refused") || text.contains("errno: \(ECONNREFUSED)") || text.contains("Connection refused") {
            return .refused(address: address)
        }
        if text.contains("dnsAError") || text.contains("dnsAAAAError") || text.contains("UnknownHost") || text.contains("resolution") || text.contains("EAI_") {
            return .unreachable(address: address, detail: "the host name does not resolve")
        }
        if text.contains("unreachable") || text.contains("errno: \(EHOSTUNREACH)") || text.contains("errno: \(ENETUNREACH)") {
            return .unreachable(address: address, detail: "no route to it")
        }
        if text.contains("remoteConnectionClosed") || text.contains("ioOnClosedChannel") || text.contains("connection reset") {
            return .streamClosed(detail: "the connection was closed")
        }
        return .unreachable(address: address, detail: text)
    }

    /// BoringSSL's reason from NIOSSL's description, when there is one (`WRONG_VERSION_NUMBER`).
    static func tlsDetail(_ text: String) -> String {
        if text.contains("WRONG_VERSION_NUMBER") { return "the server did not answer in TLS (WRONG_VERSION_NUMBER)" }
        if text.contains("CERTIFICATE_VERIFY_FAILED") { return "its certificate could not be verified (CERTIFICATE_VERIFY_FAILED)" }
        if text.contains("tlsHandshakeTimeout") { return "the handshake timed out" }
        return text.count > 160 ? String(text.prefix(160)) + "…" : text
    }
}
