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
}
