@testable import Dashboard
import Glibc
import Rendering
import SeriesStore
import TerminalBackend
import Testing
import VitalsCore

/// Time travel in the reducer (cursor keys, `g`, Esc, a click on a graph) and in the model builder
/// (figures and processes of the moment). No terminal.
@Suite struct TimeTravelReducerTests {
    func live(at time: Double = 10_000) -> AppState {
        var state = AppState(width: 200, height: 50, snapshot: Snapshot(time: time, host: HostInfo(hostname: "h")))
        state.interval = 1
        return state
    }

    func press(_ state: AppState, _ keys: Key...) -> AppState {
        keys.reduce(state) { DashboardReducer.reduce($0, .key($1)) }
    }

    @Test func arrowsAndBracketsMoveTheCursorAndForwardPastNowIsLive() {
        var state = press(live(), .left, .left, .character("["))
        #expect(state.cursor == 9_997)
        state = press(state, .right, .character("]"))
        #expect(state.cursor == 9_999)
        state = press(state, .right)
        #expect(state.cursor == nil, "forward past the newest tick is live")
        state = press(state, .right)
        #expect(state.cursor == nil, "never into the future")
    }

    @Test func aZoomedWindowStepsByAbout120thOfIt() {
        var state = live()
        state.window = .oneHour
        state = press(state, .left)
        #expect(state.cursor == 10_000.0 - 30)
    }

    @Test func escapeReturnsToLiveBeforeItClearsTheFilter() {
        var state = press(live(), .left)
        state.filter = "ssh"
        state = press(state, .escape)
        #expect(state.cursor == nil && state.filter == "ssh")
        state = press(state, .escape)
        #expect(state.filter.isEmpty)
    }

    @Test func gTakesATypedTimeAndSaysWhenItCannot() {
        var state = press(live(), .character("g"))
        #expect(state.jumpText == "")
        state = press(state, .character("-"), .character("9"), .character("0"), .character("s"))
        #expect(state.jumpText == "-90s")
        // A past moment is an effect: the run loop checks it was recorded, then moves the cursor.
        let (asked, effects) = DashboardReducer.step(state, .key(.enter))
        #expect(effects == [.jump(to: 10_000.0 - 90, text: "-90s")] && asked.jumpText == nil && asked.cursor == nil)
        state = DashboardReducer.reduce(asked, .cursor(10_000.0 - 90))
        #expect(state.cursor == 10_000.0 - 90)
        state = press(state, .character("g"), .character("x"), .backspace, .character("z"), .enter)
        #expect(state.cursor == 10_000.0 - 90, "a bad time leaves the cursor")
        #expect(state.flash?.contains("cannot go to \"z\"") == true)
        state = press(state, .character("g"), .character("1"), .escape)
        #expect(state.jumpText == nil && state.cursor == 10_000.0 - 90, "Esc cancels the typing only")
        #expect(press(live(), .character("g"), .character("-"), .character("0"), .character("s"), .enter).cursor == nil, "-0s is now: live")
    }

    @Test func signalsAreRefusedInThePast() {
        var state = press(live(), .left)
        state.selection = ProcessSelection(index: 0, pid: 1, moved: false)
        state = press(state, .character("k"))
        #expect(state.signalPrompt == nil)
        #expect(state.flash?.contains("live processes only") == true)
    }

    @Test func aClickOnAGraphMovesTheCursorUnderIt() {
        // 200x50: the CPU pane's right edge is at the right of the screen in the wide layout.
        let state = live()
        let layout = DashboardLayout.compute(width: 200, height: 50, shown: state.shownPanes, preset: nil)
        let cpu = try! #require(layout.panes[.cpu])
        let clicked = DashboardReducer.reduce(state, .mouse(MouseEvent(.click, x: cpu.maxX - 2 - 30, y: cpu.y + 5)))
        #expect(clicked.cursor == 10_000.0 - 30, "30 cells left of the newest, one tick a cell")
        var braille = state
        braille.brailleGraph = true
        #expect(DashboardReducer.reduce(braille, .mouse(MouseEvent(.click, x: cpu.maxX - 2 - 30, y: cpu.y + 5))).cursor == 10_000.0 - 60)
        #expect(DashboardReducer.reduce(state, .mouse(MouseEvent(.click, x: cpu.maxX - 2, y: cpu.y + 5))).cursor == nil, "the newest cell is live")
    }
}

@Suite(.serialized) struct TimeJumpTests {
    init() {
        setenv("TZ", "UTC", 1)
        tzset()
    }

    // 2026-11-30 04:00:00 UTC
    let now = 1_796_011_200.0

    @Test func clockTimesAreTheLatestNotAfterNow() {
        #expect(TimeJump.parse("03:12", now: now) == now - 48 * 60)
        #expect(TimeJump.parse("03:12:30", now: now) == now - 48 * 60 + 30)
        #expect(TimeJump.parse("05:00", now: now) == now - 23 * 3600, "later today is yesterday")
    }

    @Test func relativeAndDatedTimes() {
        #expect(TimeJump.parse("-2h", now: now) == now - 7200)
        #expect(TimeJump.parse("-1h30m", now: now) == now - 5400)
        #expect(TimeJump.parse(" now ", now: now) == now)
        #expect(TimeJump.parse("2026-11-29 23:00", now: now) == now - 5 * 3600)
    }

    @Test(arguments: ["", "3", "25:00", "03:60", "03:12:61", "-", "-2x", "2026-13-01 00:00", "2026-11-30 05:00", "2026-11-30", "a b c", "03:1:2:4"])
    func textThatNamesNoPastMoment(_ text: String) {
        #expect(TimeJump.parse(text, now: now) == nil)
    }
}

@Suite struct PastModelTests {
    @Test func thePanesShowTheStoresFiguresAndTheMomentsProcesses() throws {
        let store = SeriesStore(capacity: 300)
        for t in 1...200 {
            let v = Double(t) / 1000
            store.append([
                Sample(SeriesKey("vitals_cpu_utilization_ratio"), v),
                Sample(SeriesKey("vitals_cpu_mode_ratio", ["mode": "user"]), v / 2),
                Sample(SeriesKey("vitals_cpu_mode_ratio", ["mode": "nice"]), v / 4),
                Sample(SeriesKey("node_memory_MemTotal_bytes"), 1000),
                Sample(SeriesKey("node_memory_MemAvailable_bytes"), 1000 - Double(t)),
                Sample(SeriesKey("vitals_network_receive_bytes_per_second", ["device": "eth0"]), Double(t) * 10),
            ], at: Double(t))
        }
        var s = Snapshot(time: 200, host: HostInfo(hostname: "h"))
        s.memory = MemoryInfo(fields: [("MemTotal", 1000), ("MemAvailable", 800)])
        s.network = [NetworkInterface(name: "eth0", receiveBytes: 1, receivePackets: 0, receiveErrors: 0, receiveDrops: 0,
                                      transmitBytes: 1, transmitPackets: 0, transmitErrors: 0, transmitDrops: 0)]
        var builder = DashboardModelBuilder(historyPoints: 50)
        builder.cursor = 100
        builder.pastProcesses = TopProcessMoment(time: 100, width: 0, processes: [
            TopProcess(pid: 7, name: "small", user: "app", cpuPercent: 5, residentBytes: 900, ioBytesPerSecond: 0),
            TopProcess(pid: 9, name: "hog", user: "root", cpuPercent: 80, residentBytes: 100, ioBytesPerSecond: 0),
        ])
        let model = builder.build(snapshot: s, store: store, interval: 1, hostFallback: "x")
        #expect(abs((model.cpu.busy ?? 0) - 0.1) < 1e-6, "the figure at the cursor, not the live one")
        #expect(abs((model.cpu.user ?? 0) - 0.075) < 1e-6, "user + nice")
        let newest = model.cpu.history.mean.last.flatMap { $0 } ?? 0
        #expect(abs(newest - 0.1) < 1e-6, "the graph ends at the cursor")
        #expect(model.memory?.used == 100)
        #expect(model.network.interfaces.first?.receivePerSecond == 1000)
        #expect(model.processes.rows.map(\.name) == ["hog", "small"], "by CPU")
        #expect(model.processes.rows.first?.memoryPercent == 10)
        #expect(model.processes.past?.hasPrefix("heaviest at ") == true)
        #expect(model.status.past != nil)
        // Nothing recorded for the moment: an empty table that says so.
        builder.pastProcesses = nil
        #expect(builder.build(snapshot: s, store: store, interval: 1, hostFallback: "x").processes.past == "no processes recorded for this moment")
        // Before the recording began (arrows can go there): memory unknown, not "0B used".
        builder.cursor = -50
        let before = builder.build(snapshot: s, store: store, interval: 1, hostFallback: "x")
        #expect(before.memory?.pending == true && before.cpu.busy == nil)
        #expect(before.cpu.axis?.endLabel != nil, "the time axis names the moment")
        // Live again: the snapshot's figures.
        builder.cursor = nil
        let liveModel = builder.build(snapshot: s, store: store, interval: 1, hostFallback: "x")
        #expect(liveModel.status.past == nil && liveModel.memory?.used == 200)
    }
}

/// A past moment on another day carries its date, so yesterday's 21:45 is never read as today's.
@Suite struct ClockTextTests {
    @Test func anotherDaysMomentShowsItsDate() {
        let now = 1_795_300_000.0
        #expect(ClockText.moment(now - 60, now: now) == ClockText.format(now - 60), "the same day: the time alone")
        let yesterday = ClockText.moment(now - 86_400, now: now)
        #expect(yesterday.count == 19 && yesterday.hasSuffix(ClockText.format(now - 86_400)), "\(yesterday)")
    }
}
