import Rendering

/// A terminal the dashboard draws on. Implementations: `NcursesBackend` and `RecordingBackend`.
///
/// Every call happens on one thread (ncurses is not thread-safe).
public protocol TerminalBackend: AnyObject {
    /// Current size in cells.
    var size: (width: Int, height: Int) { get }
    /// File descriptor to poll for input, or nil when input is scripted.
    var inputDescriptor: Int32? { get }
    /// Shows `canvas`, writing only the cells that differ from the previous frame.
    func present(_ canvas: Canvas)
    /// Input that is ready now, without blocking.
    func pendingInput() -> [InputEvent]
    /// Restores the terminal (idempotent).
    func shutdown()
}
