/// Where `vitals attach` connects: the agent's base URL, checked, and the two URLs made from it.
///
/// Takes `http://HOST:PORT`, `https://…`, `ws://…`, `wss://…` (the stream's own scheme: the same
/// agent), or a bare `HOST:PORT` (plain http). A path is kept as a prefix for an agent behind a
/// reverse proxy (`https://example.com/vitals`); a trailing `/api/v1/stream` is dropped, so the
/// stream's URL may be pasted as it is. IPv6 hosts go in brackets (`http://[::1]:19100`).
public struct AttachTarget: Sendable, Equatable {
    public var secure: Bool
    /// As written in the URL (brackets kept for IPv6).
    public var host: String
    public var port: Int
    /// `""` or `/prefix` (no trailing slash).
    public var pathPrefix: String

    /// The agent's default port (`vitals agent`).
    public static let defaultPort = 19100

    public struct ParseError: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    public static func parse(_ text: String) throws(ParseError) -> AttachTarget {
        func fail(_ why: String) -> ParseError {
            ParseError(description: "cannot attach to \"\(text)\": \(why); give the agent's address, such as http://db1:19100")
        }
        var rest = Substring(text).drop { $0 == " " || $0 == "\t" }
        while rest.last == " " || rest.last == "\t" { rest.removeLast() }
        guard !rest.isEmpty else { throw fail("the URL is empty") }
        var secure = false
        if let schemeEnd = rest.range(of: "://") {
            switch rest[..<schemeEnd.lowerBound].lowercased() {
            case "http", "ws": secure = false
            case "https", "wss": secure = true
            case let other: throw fail("\(other):// is not a scheme vitals attaches with (http, https, ws, wss)")
            }
            rest = rest[schemeEnd.upperBound...]
        } else if rest.contains(":/") || rest.hasPrefix("/") {
            throw fail("this is not a URL")
        }
        if rest.contains("?") || rest.contains("#") { throw fail("a query or fragment has no place here (the API key goes in --api-key-file)") }
        if rest.contains("@") { throw fail("credentials in the URL are not used (the API key goes in --api-key-file)") }
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<slash]
        var path = String(rest[slash...])
        while path.hasSuffix("/") { path.removeLast() }
        if path.hasSuffix("/api/v1/stream") { path.removeLast("/api/v1/stream".count) }
        let host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw fail("an IPv6 address needs its closing ]") }
            host = authority[...close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw fail("expected :PORT after the IPv6 address") }
                portText = after.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = authority
        }
        guard !host.isEmpty, host != "[]" else { throw fail("the host is missing") }
        guard host.allSatisfy({ $0.isLetter || $0.isNumber || "-._:[]%".contains($0) }), host.allSatisfy(\.isASCII) else {
            throw fail("\"\(host)\" is not a host name or address")
        }
        var port = secure ? 443 : defaultPort
        if let portText {
            guard let p = Int(portText), (1...65_535).contains(p) else { throw fail("the port must be 1 to 65535") }
            port = p
        } else if text.contains("://") {
            port = secure ? 443 : 80
        }
        return AttachTarget(secure: secure, host: String(host), port: port, pathPrefix: path)
    }

    /// `http://host:port/prefix` (no trailing slash).
    public var baseURL: String { (secure ? "https://" : "http://") + "\(host):\(port)" + pathPrefix }
    /// The stream's URL.
    public var streamURL: String { (secure ? "wss://" : "ws://") + "\(host):\(port)" + pathPrefix + "/api/v1/stream" }
    /// `host:port`, for messages.
    public var address: String { "\(host):\(port)" }
}
