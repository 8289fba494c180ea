import Glibc
import TestSupport
import Testing

/// History across restarts, with the real binary in tmux. Each session's XDG_STATE_HOME is private.
@Suite(.serialized) struct HistoryEndToEndTests {
    let vitals = BuiltProducts.vitals

    /// Sparkline glyphs in the memory pane (right of the CPU pane's border) of the top panes' rows.
    static func memoryGraphCells(_ screen: String) -> Int {
        screen.split(separator: "\n").prefix(12).reduce(0) { total, line in
            guard let border = line.range(of: "││") else { return total }
            return total + line[border.upperBound...].count { "▁▂▃▄▅▆▇".contains($0) }
        }
    }

    /// The first screen of a run whose memory graph shows anything.
    static func firstGraph(_ session: TmuxSession) -> String {
        var screen = ""
        _ = Shell.waitUntil(seconds: 5) {
            screen = session.capture()
            return memoryGraphCells(screen) > 0
        }
        return screen
    }

    @Test func afterQuitAndRestartTheGraphsShowEarlierHistoryAtOnce() async {
        let state = Fixtures.temporaryDirectory("vitals-e2e-state")
        defer { Shell.run("rm -rf \(Shell.quote(state))") }
        do {
            let first = TmuxSession(width: 120, height: 35, command: "exec \(Shell.quote(vitals))", stateHome: state)
            await #expect(first.waitFor(["Processes"], seconds: 10).found)
            await Shell.pause(6)
            first.send("q")
            await #expect(Shell.waitUntil(seconds: 10) { first.panePID().map(isRunning) != true })
        }
        #expect(access(state + "/vitals/history.sqlite", R_OK) == 0, "the history file is where XDG_STATE_HOME says")
        let second = TmuxSession(width: 120, height: 35, command: "exec \(Shell.quote(vitals))", stateHome: state)
        let restored = Self.firstGraph(second)
        // Six seconds of the first run (at least six one-second points) are drawn from its saved
        // one-minute bucket before the second run has more than a tick or two of its own.
        #expect(Self.memoryGraphCells(restored) >= 6, "screen was:\n\(restored)")
        let fresh = TmuxSession(width: 120, height: 35, command: "exec \(Shell.quote(vitals)) --no-history-file")
        let without = Self.firstGraph(fresh)
        #expect(Self.memoryGraphCells(without) <= 3, "without the file: only this run's ticks\n\(without)")
    }

    @Test func aSecondVitalsOnTheSameDirectorySaysItDoesNotWrite() async {
        let state = Fixtures.temporaryDirectory("vitals-e2e-state")
        defer { Shell.run("rm -rf \(Shell.quote(state))") }
        let first = TmuxSession(width: 200, height: 40, command: "exec \(Shell.quote(vitals))", stateHome: state)
        await #expect(first.waitFor(["Processes"], seconds: 10).found)
        let second = TmuxSession(width: 200, height: 40, command: "exec \(Shell.quote(vitals))", stateHome: state)
        let (found, screen) = await second.waitFor(["written by another vitals (pid"], seconds: 10)
        #expect(found, "screen was:\n\(screen)")
    }
}
