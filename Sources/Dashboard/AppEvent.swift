import Rendering
import TerminalBackend
import VitalsCore

/// What can happen to the dashboard: one of these at a time goes through `DashboardReducer.reduce`.
public enum AppEvent: Sendable {
    case snapshot(Snapshot)
    case key(Key)
    case mouse(MouseEvent)
    case resize(width: Int, height: Int)
    case hangup
    case signal(Int32)
    /// A frame was drawn: what it showed, which the next keys act on (the process table's order,
    /// the alerts list's length).
    case drawn(FrameReport)
    /// The configuration's view settings, at start and after each reload.
    case configured(ViewSettings)
    /// What is shown is not this host live (a replay, another host): signals off, and why;
    /// a replay may start at a moment and shows its recording's shape until then.
    case feed(readOnlyReason: String, cursor: Double?, snapshot: Snapshot?)
    /// The source's interval changed (a remote agent's).
    case interval(Double)
    /// One line for the status bar: the outcome of an effect (a signal sent, an alert silenced).
    case flash(String)
    /// Time travel to a moment found recorded (`g`).
    case cursor(Double)
    /// Something to read over the screen (an effect's outcome: `e`, `l`).
    case overlay(AppState.Overlay)
}

/// What the configuration sets in the state.
public struct ViewSettings: Sendable, Equatable {
    public var sort: ProcessSort
    public var interval: Double
    public var shownPanes: Set<PaneID>
    public var layoutPreset: DashboardLayout.Mode?
    public var readOnly: Bool
    public var brailleGraph: Bool
    public var columns: [ProcessColumn] = ProcessColumn.standard
    public var keyBar: Bool?

    public init(sort: ProcessSort, interval: Double, shownPanes: Set<PaneID>, layoutPreset: DashboardLayout.Mode?, readOnly: Bool, brailleGraph: Bool) {
        self.sort = sort
        self.interval = interval
        self.shownPanes = shownPanes
        self.layoutPreset = layoutPreset
        self.readOnly = readOnly
        self.brailleGraph = brailleGraph
    }
}

/// What a frame showed that the state follows.
public struct FrameReport: Sendable, Equatable {
    /// The process table's pids in the order shown (all of them, on screen or not).
    public var processPids: [Int32]
    /// Rows of the alerts list (when it is open).
    public var alertCount: Int
    /// The overlay's first line as drawn (the offset kept within it), when one is open.
    public var overlayOffset: Int?

    public init(processPids: [Int32], alertCount: Int, overlayOffset: Int? = nil) {
        self.processPids = processPids
        self.alertCount = alertCount
        self.overlayOffset = overlayOffset
    }
}
