import Rendering
import TerminalBackend

/// The dashboard's logic as a pure function: (state, event) → state. Tests drive it with no terminal.
public enum DashboardReducer {
    public static func reduce(_ state: AppState, _ event: AppEvent) -> AppState {
        var next = state
        switch event {
        case let .snapshot(snapshot):
            next.snapshot = snapshot
        case let .resize(width, height):
            next.width = max(0, width)
            next.height = max(0, height)
        case .hangup:
            next.exit = .hangup
        case let .signal(number):
            next.exit = .signal(number)
        case let .key(key):
            switch key {
            case .character("q"), .character("Q"), .control(3):
                next.exit = .quitKey
            case .character("R"):
                next.reloadRequested = true
            case let .character(c) where ("1"..."5").contains(c):
                let pane = PaneID.keyOrder[Int(String(c))! - 1]
                if state.shownPanes.contains(pane) {
                    if state.shownPanes.count > 1 { next.shownPanes.remove(pane) }
                } else {
                    next.shownPanes.insert(pane)
                }
            case .character("p"):
                next.layoutPreset = DashboardReducer.nextPreset(after: state.layoutPreset)
            case .character("+"), .character("="):
                next.window = state.window.zoomedIn
            case .character("-"), .character("_"):
                next.window = state.window.zoomedOut
            default:
                break
            }
        }
        return next
    }

    /// `p` cycles: automatic → wide → grid → stacked → strip → compact → automatic.
    static func nextPreset(after preset: DashboardLayout.Mode?) -> DashboardLayout.Mode? {
        let order: [DashboardLayout.Mode?] = [nil, .wide, .grid, .stacked, .strip, .compact]
        let index = order.firstIndex { $0 == preset } ?? 0
        return order[(index + 1) % order.count]
    }
}
