import Hummingbird

/// The rate limit in front of every route: a request beyond its address's bucket gets 429 with
/// `Retry-After` (whole seconds until a token, at least 1). /healthz and /readyz are never limited
/// (a load balancer's checks must not fail because its host floods the API), nor a connection
/// without an IP address (the test framework's).
struct RateLimitMiddleware<Context: RemoteAddressRequestContext>: RouterMiddleware {
    let limiter: RateLimiter

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard path != "/healthz", path != "/readyz", let address = context.remoteAddress?.ipAddress,
              let wait = limiter.admit(address, now: Agent.monotonicSeconds())
        else { return try await next(request, context) }
        let seconds = max(1, Int(wait.rounded(.up)))
        let limit = limiter.settings
        var response = AgentRoutes.jsonError(
            "too many requests from \(address): at most \(AgentRoutes.number(limit.rate)) a second (bursts of \(AgentRoutes.number(limit.burst))); retry in \(seconds) s",
            status: .tooManyRequests
        )
        response.headers[.retryAfter] = "\(seconds)"
        return response
    }
}
