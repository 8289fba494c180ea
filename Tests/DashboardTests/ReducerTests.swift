@testable import Dashboard
import Rendering
import TerminalBackend
import Testing
import VitalsCore

@Suite struct ReducerTests {
    let start = AppState(width: 80, height: 24)

    @Test(arguments: [Key.character("q"), .character("Q"), .control(3), .function(10)])
    func quitKeys(_ key: Key) {
        let next = DashboardReducer.reduce(start, .key(key))
        #expect(next.exit == .quitKey)
        #expect(!next.isRunning)
    }

    @Test func otherKeysChangeNothing() {
        #expect(DashboardReducer.reduce(start, .key(.character("x"))) == start)
        #expect(DashboardReducer.reduce(start, .key(.function(12))).flash == "F12: no such key (? lists them)")
    }

    /// htop's keys are the vitals keys that do the same; the ones vitals has no match for say so.
    @Test func htopsKeysDoWhatTheirVitalsKeysDo() {
        let pairs: [(Key, Key)] = [
            (.character("h"), .character("?")), (.function(3), .character("/")), (.function(4), .character("/")),
            (.function(5), .character("t")), (.function(6), .character(">")), (.function(9), .character("k")),
        ]
        for (htop, vitals) in pairs {
            #expect(DashboardReducer.reduce(start, .key(htop)) == DashboardReducer.reduce(start, .key(vitals)), "\(htop)")
        }
        // F7/F8 act on the selected process (none here); F2 opens the column chooser; F11 is no key.
        #expect(DashboardReducer.reduce(start, .key(.function(7))).flash == "select a process first (↑ ↓)")
        #expect(DashboardReducer.reduce(start, .key(.function(2))).overlay == .columns(selected: 0, before: ProcessColumn.standard))
        #expect(DashboardReducer.reduce(start, .key(.function(11))).flash?.contains("no such key") == true)
        // While the filter is typed, `h` is a letter of it.
        let typing = DashboardReducer.reduce(start, .key(.character("/")))
        #expect(DashboardReducer.reduce(typing, .key(.character("h"))).filter == "h")
    }

    @Test func resizeHangupSignalSnapshot() {
        #expect(DashboardReducer.reduce(start, .resize(width: 60, height: 40)).width == 60)
        #expect(DashboardReducer.reduce(start, .resize(width: -1, height: 40)).width == 0)
        #expect(DashboardReducer.reduce(start, .hangup).exit == .hangup)
        #expect(DashboardReducer.reduce(start, .signal(15)).exit == .signal(15))
        let s = Snapshot(time: 5, host: HostInfo(hostname: "h"))
        #expect(DashboardReducer.reduce(start, .snapshot(s)).snapshot == s)
    }
}

@Suite struct ZoomReducerTests {
    @Test func plusAndMinusStepThroughTheWindows() {
        // 50 columns at one tick a second: live spans under a minute, so every window is wider.
        var state = AppState(width: 50, height: 24)
        for _ in 0..<3 { state = DashboardReducer.reduce(state, .key(.character("-"))) }
        #expect(state.window == .fifteenMinutes)
        state = DashboardReducer.reduce(state, .key(.character("+")))
        #expect(state.window == .fiveMinutes)
        state = DashboardReducer.reduce(state, .key(.character("=")))
        state = DashboardReducer.reduce(state, .key(.character("=")))
        state = DashboardReducer.reduce(state, .key(.character("+")))
        #expect(state.window == .live, "stops at live")
        #expect(DashboardReducer.step(state, .key(.character("R"))).effects == [.reload])
    }

    /// At 200 columns a braille graph spans 400 s live: `-` goes to 15m, never to a narrower
    /// window, and `+` from 15m comes back to live.
    @Test func zoomingOutNeverNarrowsTheView() {
        var state = AppState(width: 200, height: 50)
        state.brailleGraph = true
        state = DashboardReducer.reduce(state, .key(.character("-")))
        #expect(state.window == .fifteenMinutes)
        state = DashboardReducer.reduce(state, .key(.character("+")))
        #expect(state.window == .live)
        state.brailleGraph = false
        state = DashboardReducer.reduce(state, .key(.character("-")))
        #expect(state.window == .fiveMinutes, "200 cells of a second: live spans 200 s")
    }
}

@Suite struct PaneKeyTests {
    @Test func digitsTogglePanesButNeverTheLastOne() {
        var state = AppState(width: 80, height: 24)
        state = DashboardReducer.reduce(state, .key(.character("3")))
        #expect(!state.shownPanes.contains(.disk))
        state = DashboardReducer.reduce(state, .key(.character("3")))
        #expect(state.shownPanes.contains(.disk))
        for key in ["1", "2", "3", "4", "5"] { state = DashboardReducer.reduce(state, .key(.character(Character(key)))) }
        #expect(state.shownPanes == [.processes], "the last pane shown stays")
    }

    @Test func mTogglesTheCPUGraphByMode() {
        var state = AppState(width: 80, height: 24)
        state = DashboardReducer.reduce(state, .key(.character("m")))
        #expect(state.cpuModes)
        state = DashboardReducer.reduce(state, .key(.character("m")))
        #expect(!state.cpuModes)
    }

    @Test func pCyclesThePresetsBackToAutomatic() {
        var state = AppState(width: 80, height: 24)
        var seen: [String] = []
        for _ in 0..<6 {
            state = DashboardReducer.reduce(state, .key(.character("p")))
            seen.append(state.layoutPreset?.rawValue ?? "auto")
        }
        #expect(seen == ["wide", "grid", "stacked", "strip", "compact", "auto"])
    }
}

/// `p` names the layout it chose, and says when the terminal is too small for it.
@Suite struct LayoutKeyTests {
    @Test func pSaysWhichLayoutIsActive() {
        var state = AppState(width: 200, height: 50)
        state = DashboardReducer.reduce(state, .key(.character("p")))
        #expect(state.flash == "layout: wide")
        var small = AppState(width: 80, height: 24)
        small = DashboardReducer.reduce(small, .key(.character("p")))
        #expect(small.flash?.hasPrefix("layout: wide (too small here: ") == true, "\(small.flash ?? "")")
        for _ in 0..<5 { small = DashboardReducer.reduce(small, .key(.character("p"))) }
        #expect(small.layoutPreset == nil && small.flash?.hasPrefix("layout: automatic (") == true, "\(small.flash ?? "")")
    }
}

/// `R`'s word on what waits for the next start names only what changed.
@Suite struct ReloadWordTests {
    @Test func aNewIntervalIsNotAHistoryChange() {
        let old = DashboardOptions(interval: .seconds(1), historyCapacity: 3600)
        let faster = DashboardOptions(interval: .milliseconds(500), historyCapacity: 7200)
        #expect(ConfigReload.restartOnly(faster, old).isEmpty)
        var longer = old
        longer.historyCapacity = 7200
        #expect(ConfigReload.restartOnly(longer, old) == ["history"])
    }
}
