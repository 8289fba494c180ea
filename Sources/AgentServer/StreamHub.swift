import Synchronization

/// The WebSocket stream's clients. Each has a one-frame slot: a tick's frame replaces whatever the
/// client has not taken yet, so a client that reads too slowly loses intermediate frames, never
/// the newest, and a broadcast never waits on anyone. A client whose last completed write is older
/// than `maxLag` while frames keep coming is closed. At most `maxClients` at once.
public final class StreamHub: Sendable {
    struct Client {
        var pending: String?
        var wake: AsyncStream<Void>.Continuation
        /// When its last write completed (or it joined).
        var lastWrite: Double
    }

    public let maxClients: Int
    public let maxLag: Double
    private let clients = Mutex<[Int: Client]>([:])
    private let nextID = Atomic<Int>(0)

    public init(maxClients: Int = 100, maxLag: Double = 30) {
        self.maxClients = maxClients
        self.maxLag = maxLag
    }

    public var count: Int { clients.withLock { $0.count } }

    /// A new client's id and the stream that wakes its writer; nil when full.
    func join(now: Double) -> (id: Int, wake: AsyncStream<Void>)? {
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let id = nextID.add(1, ordering: .relaxed).newValue
        let joined = clients.withLock { all -> Bool in
            guard all.count < maxClients else { return false }
            all[id] = Client(pending: nil, wake: continuation, lastWrite: now)
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

    /// Puts `frame` in every client's slot and wakes its writer.
    public func broadcast(_ frame: String) {
        clients.withLock { all in
            for id in all.keys {
                all[id]?.pending = frame
                all[id]?.wake.yield()
            }
        }
    }

    func take(_ id: Int) -> String? {
        clients.withLock { all in
            defer { all[id]?.pending = nil }
            return all[id]?.pending
        }
    }

    func wrote(_ id: Int, now: Double) {
        clients.withLock { $0[id]?.lastWrite = now }
    }

    /// True when the client has a frame waiting and has not finished a write for `maxLag`.
    func isLagging(_ id: Int, now: Double) -> Bool {
        clients.withLock { all in
            guard let client = all[id] else { return false }
            return client.pending != nil && now - client.lastWrite > maxLag
        }
    }
}
