import Pipeline
import Rendering
import VitalsCore

/// Where the ticks the dashboard shows come from: this host live (`LiveFeed`), a recording
/// (`ReplayFeed`), or another host's agent (`AttachFeed`). The run loop asks its feed what is new
/// and how to label what it shows; it never asks which feed it has.
protocol DashboardFeed: AnyObject {
    /// Events to start with (a replay's cursor and shape, why signals are off).
    func startEvents(_ pipeline: TickPipeline) -> [AppEvent]
    /// The frame before the first tick: the shape the history gives the panes (live), else nil.
    func startupSnapshot(_ pipeline: TickPipeline, now: Double) -> Snapshot?
    /// What came since the last look, as events; `changed` when the screen needs drawing anyway.
    func take(_ pipeline: TickPipeline, now: Double) -> (events: [AppEvent], changed: Bool)
    /// Redraw every second though nothing came (a link that is down: its clock runs, its gap grows).
    var redrawsEachSecond: Bool { get }
    /// The moment the panes show while the cursor is live; nil: the newest tick.
    func shownMoment(now: Double) -> Double?
    /// The feed's own touches to the model: the status line, the banner, the process pane's title.
    func finish(_ model: inout DashboardModel, cursorIsLive: Bool, now: Double)
    /// Lines for the status bar about the feed itself.
    var notices: [String] { get }
    /// A word that goes first, right after the host (why a link is down), when there is one.
    var urgent: String? { get }
    /// The host's name until a snapshot names it.
    var hostFallback: String { get }
}
