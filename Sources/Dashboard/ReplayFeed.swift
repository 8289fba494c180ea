import Pipeline
import Rendering
import VitalsCore

/// `vitals replay`: a recording, read whole; its end stands for "now" (the cursor is never live).
final class ReplayFeed: DashboardFeed {
    let end: Double
    let from: Double?
    let label: String

    init(end: Double, from: Double?, label: String) {
        self.end = end
        self.from = from
        self.label = label
    }

    func startEvents(_ pipeline: TickPipeline) -> [AppEvent] {
        let end = end
        let skeleton = pipeline.read { ReplaySnapshot.skeleton(store: $0.store, at: end, host: "replay") }
        return [.feed(readOnlyReason: "a replay", cursor: from.flatMap { $0 < end ? $0 : nil }, snapshot: skeleton)]
    }

    func startupSnapshot(_ pipeline: TickPipeline, now: Double) -> Snapshot? { nil }
    func take(_ pipeline: TickPipeline, now: Double) -> (events: [AppEvent], changed: Bool) { ([], false) }
    var redrawsEachSecond: Bool { false }
    func shownMoment(now: Double) -> Double? { end }
    func finish(_ model: inout DashboardModel, cursorIsLive: Bool, now: Double) {}
    var notices: [String] { ["replay of \(label), until " + ClockText.format(end)] }
    var urgent: String? { nil }
    var hostFallback: String { "vitals" }
}
