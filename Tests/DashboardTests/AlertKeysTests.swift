@testable import Dashboard
import Alerting
import Rendering
import TerminalBackend
import Testing
import VitalsCore

@Suite struct AlertKeysTests {
    func press(_ state: AppState, _ keys: Key...) -> AppState {
        keys.reduce(state) { DashboardReducer.reduce($0, .key($1)) }
    }

    @Test func aOpensAndClosesTheList() {
        let start = AppState(width: 80, height: 24)
        let open = press(start, .character("a"))
        #expect(open.alertList == AlertListState())
        #expect(press(open, .character("a")).alertList == nil)
        #expect(press(open, .escape).alertList == nil)
        #expect(press(open, .character("q")).alertList == nil)
        #expect(press(open, .character("q")).isRunning, "q closes the list, not the program")
    }

    @Test func arrowsMoveWithinTheRows() {
        var state = press(AppState(width: 80, height: 24), .character("a"))
        state.alertList?.count = 3
        state = press(state, .down, .down, .down)
        #expect(state.alertList?.selected == 2)
        state = press(state, .up)
        #expect(state.alertList?.selected == 1)
        state = press(state, .home)
        #expect(state.alertList?.selected == 0)
        state = press(state, .end)
        #expect(state.alertList?.selected == 2)
        #expect(press(state, .character("k")).signalPrompt == nil, "process keys are off while the list is open")
    }

    @Test func sChoosesADurationAndEnterAsksTheRunLoop() {
        var state = press(AppState(width: 80, height: 24), .character("a"))
        #expect(press(state, .character("s")).flash == "no alert to silence")
        state.alertList?.count = 2
        state = press(state, .down, .character("s"))
        #expect(state.alertList?.silenceChoice == 1, "an hour to start with")
        state = press(state, .right, .right)
        #expect(state.alertList?.silenceChoice == 3)
        state = press(state, .character("1"))
        #expect(state.alertList?.silenceChoice == 0)
        let (chosen, effects) = DashboardReducer.step(state, .key(.enter))
        #expect(effects == [.silence(SilenceRequest(row: 1, seconds: 900))], "an effect for the run loop, not state")
        #expect(chosen.alertList?.silenceChoice == nil)
        var cancelled = press(AppState(width: 80, height: 24), .character("a"))
        cancelled.alertList?.count = 1
        cancelled = press(cancelled, .character("s"))
        #expect(DashboardReducer.step(cancelled, .key(.escape)).effects.isEmpty)
        cancelled = press(cancelled, .escape)
        #expect(cancelled.alertList != nil, "Esc leaves the chooser, not the list")
    }

    @Test func theBannerGroupsByRuleAndLeavesSilencedOnesOut() throws {
        let load = AlertRule(name: "load-high", expr: try AlertExprParser.parse("x > 1"))
        let fs = AlertRule(name: "fs", expr: try AlertExprParser.parse("y < 1"), severity: .critical)
        var step = AlertEngine.step(
            rules: [load, fs], values: [[(SeriesKey("x"), 5)], [(SeriesKey("y", ["m": "/"]), 0), (SeriesKey("y", ["m": "/d"]), 0)]],
            previous: AlertEngineState(), now: 100, host: "h"
        )
        let banner = AlertModelBuilder.banner(step.state, now: 160)
        #expect(banner == [.init(name: "fs", severity: .critical, age: 60, count: 2), .init(name: "load-high", severity: .warning, age: 60, count: 1)])
        let loadAlert = try #require(step.state.instances.values.first { $0.rule == "load-high" })
        step.state.silences.append(AlertSilence(fingerprint: loadAlert.fingerprint, rule: "load-high", labels: "", from: 100, until: 1000))
        #expect(AlertModelBuilder.banner(step.state, now: 160).map(\.name) == ["fs"])
        let list = AlertModelBuilder.list(step.state, rows: step.state.ordered, listState: AlertListState(), now: 160, host: "h", rules: [load, fs], footer: "")
        #expect(list.rows.map(\.name) == ["fs", "fs", "load-high"])
        #expect(list.rows[2].silenced == "silenced 14m")
        #expect(list.rows[0].labels == "m=/")
    }
}

/// `u` in the alerts list asks the run loop to lift the selected alert's silence.
@Suite struct UnsilenceKeyTests {
    @Test func uAsksToLiftTheSelectedSilence() {
        var state = DashboardReducer.reduce(AppState(width: 80, height: 24), .key(.character("a")))
        #expect(DashboardReducer.reduce(state, .key(.character("u"))).flash == "no alert to unsilence")
        state.alertList?.count = 2
        state = DashboardReducer.reduce(state, .key(.down))
        #expect(DashboardReducer.step(state, .key(.character("u"))).effects == [.unsilence(row: 1)])
    }
}
