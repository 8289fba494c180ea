import Glibc
import TestSupport

/// A detached tmux session of a fixed size on a private server socket, running one command.
final class TmuxSession {
    let socket: String
    let name = "e2e"

    /// `XDG_STATE_HOME` of the session: the history file goes here, never into the real home.
    let stateHome: String
    private let ownsStateHome: Bool

    init(width: Int, height: Int, command: String, stateHome: String? = nil) {
        socket = "vitals-e2e-\(getpid())-\(Int.random(in: 0..<1_000_000))"
        ownsStateHome = stateHome == nil
        self.stateHome = stateHome ?? Fixtures.temporaryDirectory("vitals-e2e-state")
        let full = "export XDG_STATE_HOME=\(Shell.quote(self.stateHome)); " + command
        // -u: UTF-8 whatever the CI locale; `exec` so the pane's process is the command itself.
        Shell.run("\(Self.env) tmux -u -L \(socket) -f /dev/null new-session -d -s \(name) -x \(width) -y \(height) \(Shell.quote(full))")
        Shell.run("\(Self.env) tmux -L \(socket) set-option -t \(name) status off")
    }

    static let env = "LC_ALL=C.UTF-8 TERM=xterm-256color"

    func capture() -> String {
        Shell.run("\(Self.env) tmux -L \(socket) capture-pane -p -t \(name)").output
    }

    func captureWithEscapes() -> String {
        Shell.run("\(Self.env) tmux -L \(socket) capture-pane -p -e -t \(name)").output
    }

    func send(_ keys: String) {
        Shell.run("\(Self.env) tmux -L \(socket) send-keys -t \(name) \(keys)")
    }

    /// A mouse report as the pane's terminal (tmux's default `screen`, `kmous=\E[M`) sends it:
    /// X10 encoding, `ESC [ M` then button, column and row each plus 32 (1-based), sent in one
    /// write with `send-keys -H` so curses reads it whole. Buttons: 0 left, 3 release, 64/65 wheel.
    func mouse(button: Int, x: Int, y: Int) {
        let bytes = [0x1B, 0x5B, 0x4D, 32 + button, 33 + x, 33 + y]
        Shell.run("\(Self.env) tmux -L \(socket) send-keys -t \(name) -H " + bytes.map { String($0, radix: 16) }.joined(separator: " "))
    }

    func click(x: Int, y: Int) {
        mouse(button: 0, x: x, y: y)
        mouse(button: 3, x: x, y: y)
    }

    func resize(width: Int, height: Int) {
        Shell.run("\(Self.env) tmux -L \(socket) resize-window -t \(name) -x \(width) -y \(height)")
    }

    /// The pid of the pane's process.
    func panePID() -> Int32? {
        Int32(Shell.run("\(Self.env) tmux -L \(socket) display -p -t \(name) '#{pane_pid}'").output.split(separator: "\n").first ?? "")
    }

    func kill() {
        Shell.run("\(Self.env) tmux -L \(socket) kill-server")
    }

    /// Waits until the screen contains every string; returns the last capture.
    @discardableResult
    func waitFor(_ needles: [String], seconds: Double) async -> (found: Bool, screen: String) {
        var screen = ""
        let found = await Shell.waitUntil(seconds: seconds) {
            screen = capture()
            return needles.allSatisfy { screen.contains($0) }
        }
        return (found, screen)
    }

    /// Waits until the process table has its first snapshot's rows ("Processes  N total", N > 0).
    ///
    /// Under load (a dozen debug dashboards starting at once beside 1,000 extra processes) the
    /// first snapshot took more than 3 s, and a key or click sent before it waited behind its
    /// recording on the main thread: tests of what keys and clicks do wait for it first, with room.
    @discardableResult
    func waitForProcessRows(seconds: Double = 15) async -> (found: Bool, screen: String) {
        var screen = ""
        let found = await Shell.waitUntil(seconds: seconds) {
            screen = capture()
            guard let title = screen.split(separator: "\n").first(where: { $0.contains("Processes  ") }),
                  let range = title.range(of: "Processes  ") else { return false }
            return (Int(title[range.upperBound...].prefix { $0.isNumber }) ?? 0) > 0
        }
        return (found, screen)
    }

    deinit {
        kill()
        if ownsStateHome { Shell.run("rm -rf \(Shell.quote(stateHome))") }
    }
}

/// True while `pid` exists and is not a zombie (a zombie has exited; only its parent has not reaped it).
func isRunning(_ pid: Int32) -> Bool {
    guard let stat = Fixtures.text("/proc/\(pid)/stat"), let close = stat.lastIndex(of: ")") else { return false }
    let state = stat[stat.index(close, offsetBy: 2)]
    return state != "Z" && state != "X"
}
