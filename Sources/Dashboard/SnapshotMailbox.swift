import Pipeline
import Synchronization
import VitalsCore

/// Hands the pipeline's news from the collection thread to the run loop: the newest snapshot (an
/// unread one is replaced: the loop always draws the latest, and a slow frame never queues work),
/// and whether the older history has come in since the last look.
final class SnapshotMailbox: Sendable {
    private let slot = Mutex<(snapshot: Snapshot?, historyLoaded: Bool)>((nil, false))

    func put(_ snapshot: Snapshot) {
        slot.withLock { $0.snapshot = snapshot }
    }

    func put(_ event: PipelineEvent) {
        switch event {
        case let .tick(tick): put(tick.snapshot)
        case .historyLoaded: slot.withLock { $0.historyLoaded = true }
        }
    }

    func take() -> Snapshot? {
        slot.withLock { value in
            defer { value.snapshot = nil }
            return value.snapshot
        }
    }

    /// True once after the older history came in.
    func takeHistoryLoaded() -> Bool {
        slot.withLock { value in
            defer { value.historyLoaded = false }
            return value.historyLoaded
        }
    }
}
