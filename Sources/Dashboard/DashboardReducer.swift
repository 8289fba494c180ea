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
}
