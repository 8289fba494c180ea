import Hummingbird

/// With an API key configured, every path but /healthz, /readyz and the web page's (`/`,
/// `/assets/…`: no data, the page asks for the key) needs it: as
/// `Authorization: Bearer KEY` or `?api_key=KEY`. The comparison takes the same time whatever the
/// key sent, so timing tells nothing about the key.
struct APIKeyMiddleware<Context: RequestContext>: RouterMiddleware {
    let key: [UInt8]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if path == "/healthz" || path == "/readyz" || WebPage.isPublic(path) { return try await next(request, context) }
        guard APIKeyComparison.accepts(key, authorization: request.headers[.authorization], apiKeyParameter: request.uri.queryParameters["api_key"]) else {
            var headers = HTTPFields()
            headers[.wwwAuthenticate] = "Bearer realm=\"vitals\""
            headers[.contentType] = "text/plain; charset=utf-8"
            return Response(status: .unauthorized, headers: headers, body: .init(byteBuffer: ByteBuffer(string: "401 unauthorized: send Authorization: Bearer KEY\n")))
        }
        return try await next(request, context)
    }
}

/// The API key's rule, for the middleware and the WebSocket handshake's gate.
enum APIKeyComparison {
    /// The key as `Authorization: Bearer KEY`, else as the `api_key` query parameter (decoded).
    static func accepts(_ key: [UInt8], authorization: String?, apiKeyParameter: Substring?) -> Bool {
        let offered: Substring? = if let authorization, authorization.hasPrefix("Bearer ") {
            authorization.dropFirst("Bearer ".count)
        } else {
            apiKeyParameter
        }
        guard let offered else { return false }
        return constantTimeEqual(Array(offered.utf8), key)
    }

    /// Compares every byte of the longer of the two, whatever differs where.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: a.count ^ b.count)
        for i in 0..<max(a.count, b.count) {
            difference |= (i < a.count ? a[i] : 0) ^ (i < b.count ? b[i] : 0)
        }
        return difference == 0
    }
}
