import Rendering
import VitalsCore

/// Everything the dashboard knows between frames, apart from history (which lives in the store).
public struct AppState: Sendable, Equatable {
    /// Why the run loop stopped.
    public enum Exit: Sendable, Equatable {
        case quitKey
        case signal(Int32)
        case hangup
    }

    public var width: Int
    public var height: Int
    public var snapshot: Snapshot?
    public var exit: Exit?
    /// What the graphs span; `+` and `-` step through `HistoryWindow`.
    public var window: HistoryWindow = .live
    /// Panes shown (keys 1–5 toggle them; the last one shown stays) and the layout preset (`p`).
    public var shownPanes: Set<PaneID> = Set(PaneID.allCases)
    public var layoutPreset: DashboardLayout.Mode?
    /// `R` was pressed: the run loop re-reads the configuration and clears this.
    public var reloadRequested = false

    public init(width: Int, height: Int, snapshot: Snapshot? = nil) {
        self.width = width
        self.height = height
        self.snapshot = snapshot
    }

    public var isRunning: Bool { exit == nil }
}
