import Synchronization

/// Hands a remote feed's updates to the run loop. Unlike `SnapshotMailbox` nothing is replaced:
/// a backfill and the ticks after it must all reach the store, in order.
final class RemoteInbox: Sendable {
    private let queue = Mutex<[RemoteUpdate]>([])

    func put(_ update: RemoteUpdate) {
        queue.withLock { $0.append(update) }
    }

    func takeAll() -> [RemoteUpdate] {
        queue.withLock { updates in
            defer { updates = [] }
            return updates
        }
    }
}
