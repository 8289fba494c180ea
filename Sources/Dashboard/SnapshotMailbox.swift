import Synchronization
import VitalsCore

/// Hands the newest snapshot from the collection thread to the run loop; an unread one is replaced
/// (the run loop always draws the latest, and a slow frame never queues work).
final class SnapshotMailbox: Sendable {
    private let slot = Mutex<Snapshot?>(nil)

    func put(_ snapshot: Snapshot) {
        slot.withLock { $0 = snapshot }
    }

    func take() -> Snapshot? {
        slot.withLock { value in
            defer { value = nil }
            return value
        }
    }
}
