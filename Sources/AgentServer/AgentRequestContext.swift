import Hummingbird
import NIOCore

/// A request's context on the agent: Hummingbird's, plus the client's address (the rate limit is
/// kept per address).
public struct AgentRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
