import Pipeline
import Rendering
import VitalsCore

/// This host, live: the pipeline's collection thread records each tick and leaves the snapshot in
/// the mailbox (and says when the older history came in).
final class LiveFeed: DashboardFeed {
    let mailbox: SnapshotMailbox

    init(mailbox: SnapshotMailbox) {
        self.mailbox = mailbox
    }

    func startEvents(_ pipeline: TickPipeline) -> [AppEvent] { [] }

    func startupSnapshot(_ pipeline: TickPipeline, now: Double) -> Snapshot? {
        pipeline.read { StartupSnapshot.make(store: $0.store, at: now) }
    }

    func take(_ pipeline: TickPipeline, now: Double) -> (events: [AppEvent], changed: Bool) {
        let historyLoaded = mailbox.takeHistoryLoaded()
        return (mailbox.take().map { [.snapshot($0)] } ?? [], historyLoaded)
    }

    var redrawsEachSecond: Bool { false }
    func shownMoment(now: Double) -> Double? { nil }
    func finish(_ model: inout DashboardModel, cursorIsLive: Bool, now: Double) {}
    var notices: [String] { [] }
    var urgent: String? { nil }
    var hostFallback: String { "vitals" }
}
