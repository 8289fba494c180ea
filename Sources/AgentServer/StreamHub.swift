import Synchronization

/// The WebSocket stream's clients, of both paths: `/api/v1/stream`'s (one frame a tick) and the
/// web clients' (`/api/system/ws`: one message each, by channel). At most `maxClients` of both at
/// once. A broadcast never waits on anyone:
/// - a frame client has a one-frame slot: a tick's frame replaces whatever it has not taken, so a
///   slow reader loses intermediate frames, never the newest;
/// - a web client has a queue: a tick's figures replace the figures it has not taken, its events
///   (container statuses, alerts, answers) stay until sent (at most `maxQueuedEvents`), and what it
///   takes passes its rate limit (figures beyond it are dropped; events always go).
/// A client whose last completed write is older than `maxLag` while it has something waiting is
/// closed.
public final class StreamHub: Sendable {
    struct Client {
        var frame: String?
        var web: WebClient?
        var wake: AsyncStream<Void>.Continuation
        /// When its last write completed (or it joined).
        var lastWrite: Double

        var hasPending: Bool { frame != nil || !(web?.queue.isEmpty ?? true) }
    }

    struct WebClient {
        var channels: Set<WebStreamChannel>
        var queue: [WebStreamItem] = []
        var bucket: TokenBucket
        /// Figures dropped by the rate limit.
        var dropped = 0
    }

    public let maxClients: Int
    public let maxLag: Double
    /// Messages a second each web client receives at most (a burst of as many).
    public let webRate: Double
    static let maxQueuedEvents = 1000
    private let clients = Mutex<[Int: Client]>([:])
    private let nextID = Atomic<Int>(0)

    public init(maxClients: Int = 100, maxLag: Double = 30, webRate: Double = 500) {
        self.maxClients = maxClients
        self.maxLag = maxLag
        self.webRate = webRate
    }

    public var count: Int { clients.withLock { $0.count } }

    /// How many clients of each kind, so a tick builds only the messages someone will read.
    var kinds: (frames: Int, web: Int) {
        clients.withLock { all in
            let web = all.values.count { $0.web != nil }
            return (all.count - web, web)
        }
    }

    /// A new client's id and the stream that wakes its writer; nil when full. `channels`: a web
    /// client's first subscription (nil for a frame client).
    func join(now: Double, channels: Set<WebStreamChannel>? = nil) -> (id: Int, wake: AsyncStream<Void>)? {
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let id = nextID.add(1, ordering: .relaxed).newValue
        let web = channels.map { WebClient(channels: $0, bucket: TokenBucket(rate: webRate, burst: webRate, now: now)) }
        let joined = clients.withLock { all -> Bool in
            guard all.count < maxClients else { return false }
            all[id] = Client(frame: nil, web: web, wake: continuation, lastWrite: now)
            return true
        }
        guard joined else {
            continuation.finish()
            return nil
        }
        return (id, stream)
    }

    func leave(_ id: Int) {
        clients.withLock { $0.removeValue(forKey: id) }?.wake.finish()
    }

    /// Puts `frame` in every frame client's slot and wakes its writer.
    public func broadcast(_ frame: String) {
        broadcast(frame: frame, items: nil)
    }

    /// A tick: `frame` to the frame clients, `items` (of their channels) to the web clients.
    func broadcast(frame: String?, items: [WebStreamItem]?) {
        clients.withLock { all in
            for id in all.keys {
                if var web = all[id]?.web {
                    guard let items else { continue }
                    web.queue = Self.merged(web.queue, items.filter { $0.channel.map(web.channels.contains) ?? true })
                    all[id]?.web = web
                } else {
                    guard let frame else { continue }
                    all[id]?.frame = frame
                }
                all[id]?.wake.yield()
            }
        }
    }

    /// The events not yet sent, then the new items: older figures are superseded.
    static func merged(_ queue: [WebStreamItem], _ items: [WebStreamItem]) -> [WebStreamItem] {
        let events = queue.filter(\.isEvent)
        return events.suffix(maxQueuedEvents) + items
    }

    /// An answer to one web client (`subscribed`, `pong`, `error`), sent before the next figures.
    func reply(_ id: Int, _ text: String) {
        clients.withLock { all in
            guard all[id]?.web != nil else { return }
            all[id]?.web?.queue.append(.reply(text))
            all[id]?.wake.yield()
        }
    }

    /// A web client's channels after `change`; nil when the client is gone.
    func subscribe(_ id: Int, _ change: (inout Set<WebStreamChannel>) -> Void) -> Set<WebStreamChannel>? {
        clients.withLock { all in
            guard var web = all[id]?.web else { return nil }
            change(&web.channels)
            // What is queued for a channel left is not sent.
            web.queue.removeAll { item in item.channel.map { !web.channels.contains($0) } ?? false }
            all[id]?.web = web
            return web.channels
        }
    }

    /// A frame client's waiting frame.
    func take(_ id: Int) -> String? {
        clients.withLock { all in
            defer { all[id]?.frame = nil }
            return all[id]?.frame
        }
    }

    /// A web client's waiting messages that pass its rate limit, in order.
    func takeMessages(_ id: Int, now: Double) -> [String] {
        clients.withLock { all in
            guard var web = all[id]?.web else { return [] }
            var out: [String] = []
            out.reserveCapacity(web.queue.count)
            for item in web.queue {
                if item.isEvent {
                    web.bucket.force(now: now)
                    out.append(item.text)
                } else if web.bucket.take(now: now) {
                    out.append(item.text)
                } else {
                    web.dropped += 1
                }
            }
            web.queue.removeAll(keepingCapacity: true)
            all[id]?.web = web
            return out
        }
    }

    /// Figures a web client lost to its rate limit so far.
    func dropped(_ id: Int) -> Int { clients.withLock { $0[id]?.web?.dropped ?? 0 } }

    func wrote(_ id: Int, now: Double) {
        clients.withLock { $0[id]?.lastWrite = now }
    }

    /// True when the client has something waiting and has not finished a write for `maxLag`.
    func isLagging(_ id: Int, now: Double) -> Bool {
        clients.withLock { all in
            guard let client = all[id] else { return false }
            return client.hasPending && now - client.lastWrite > maxLag
        }
    }
}
