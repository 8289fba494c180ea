import Pipeline
import Rendering
import VitalsCore

/// `vitals attach`: another host's agent. Its ticks go into the pipeline's store (memory only),
/// the panes show its newest tick as time travel shows a moment, and the status line tells how
/// the link stands.
final class AttachFeed: DashboardFeed {
    let inbox: RemoteInbox
    private(set) var link: RemoteLinkState
    /// The remote agent's alerts, for the banner.
    private var alerts: [RemoteAlert] = []

    init(inbox: RemoteInbox, label: String) {
        self.inbox = inbox
        link = RemoteLinkState(label: label)
    }

    func startEvents(_ pipeline: TickPipeline) -> [AppEvent] {
        [.feed(readOnlyReason: "another host's processes: vitals attach", cursor: nil, snapshot: nil)]
    }

    func startupSnapshot(_ pipeline: TickPipeline, now: Double) -> Snapshot? { nil }

    /// The remote feed's updates into the store; the newest tick as the snapshot to show.
    func take(_ pipeline: TickPipeline, now: Double) -> (events: [AppEvent], changed: Bool) {
        let updates = inbox.takeAll()
        guard !updates.isEmpty else { return ([], false) }
        var events: [AppEvent] = []
        var newest: Double?
        func record(_ tick: RemoteTick) {
            if pipeline.recordRemote(time: tick.time, samples: tick.samples, processes: tick.processes) { newest = tick.time }
        }
        for update in updates {
            switch update {
            case let .connected(host, interval):
                link.host = host
                link.down = nil
                if interval > 0 { events.append(.interval(interval)) }
            case let .backfill(ticks):
                ticks.forEach(record)
            case let .tick(tick):
                record(tick)
            case let .alerts(remote):
                alerts = remote
            case let .disconnected(reason, retryAt):
                let since = link.down.flatMap { $0.since > 0 ? $0.since : nil } ?? now
                link.down = RemoteLinkState.Down(since: since, reason: reason, retryAt: retryAt)
            }
        }
        if let newest {
            link.lastTick = (newest, now)
            let host = link.host ?? link.label
            events.append(.snapshot(pipeline.read { ReplaySnapshot.skeleton(store: $0.store, at: newest, host: host) }))
        }
        return (events, true)
    }

    var redrawsEachSecond: Bool { link.down != nil }

    func shownMoment(now: Double) -> Double? { link.liveTime(now: now) }

    func finish(_ model: inout DashboardModel, cursorIsLive: Bool, now: Double) {
        let live = link.liveTime(now: now)
        model.status.remote = link.link(now: now)
        if cursorIsLive, let live {
            // Live on the remote host: its newest moment, not "the past".
            model.status.past = nil
            model.status.clock = ClockText.format(live)
            model.processes.past = link.down == nil ? "heaviest on " + (link.host ?? "the remote host") : "none while disconnected"
            // What the title says: the rows of the last tick are not the host's now.
            if link.down != nil { model.processes.rows = [] }
        }
        // A remote's alerts are known only while attached: no stale banner with ages still counting.
        model.alerts = link.down == nil ? AlertModelBuilder.banner(remote: alerts, now: live ?? now) : []
    }

    /// Attached: which URL; down: nothing here, the reason is urgent.
    var notices: [String] { link.down == nil ? [link.notice()] : [] }
    var urgent: String? { link.down == nil ? nil : link.notice() }
    var hostFallback: String { link.label }
}
