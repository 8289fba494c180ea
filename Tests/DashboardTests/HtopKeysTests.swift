@testable import Dashboard
import Glibc
import ProcFS
import Rendering
import TerminalBackend
import Testing
import VitalsCore

/// htop's process keys (P M T I u K H * F7 F8 e l F2), the overlays (L, help), `r`, and the pieces
/// behind them, through the reducer and on real files.
@Suite struct HtopKeysTests {
    func press(_ state: AppState, _ keys: Key...) -> AppState {
        keys.reduce(state) { DashboardReducer.reduce($0, .key($1)) }
    }

    static func sample(_ pid: Int32, _ name: String, user: String, ppid: Int32 = 1, cpu: Double = 0, ticks: UInt64 = 0) -> ProcessSample {
        var p = ProcessSample(pid: pid, name: name, state: UInt8(ascii: "S"), ppid: ppid, utimeTicks: ticks, stimeTicks: 0, nice: 0, threads: 1,
                              startTicks: 100, virtualBytes: UInt64(pid) << 20, residentBytes: 1 << 20, uid: 0)
        p.user = user
        p.cpuPercent = cpu
        return p
    }

    /// kthreadd (2) and a kworker under it; init (1), a shell and its child, owned by two users.
    static let list = [
        sample(1, "init", user: "root", ppid: 0, cpu: 1, ticks: 900),
        sample(2, "kthreadd", user: "root", ppid: 0, ticks: 5),
        sample(30, "kworker/0:1", user: "root", ppid: 2, cpu: 3, ticks: 50),
        sample(400, "bash", user: "alice", cpu: 2, ticks: 10),
        sample(500, "vim", user: "alice", ppid: 400, cpu: 9, ticks: 40),
    ]

    func selected(_ pid: Int32, in state: AppState = AppState(width: 120, height: 40)) -> AppState {
        var snapshot = Snapshot(time: 1, host: HostInfo(hostname: "h"))
        snapshot.processes = Self.list
        var s = DashboardReducer.reduce(state, .snapshot(snapshot))
        s.selection = ProcessSelection(index: 0, pid: pid, moved: false)
        return s
    }

    func pids(_ state: AppState) -> [Int32] {
        var builder = DashboardModelBuilder(historyPoints: 8)
        builder.state = state
        return builder.build(snapshot: state.snapshot, store: SeriesStoreProbe.empty, interval: 1, hostFallback: "h").processes.rows.map(\.pid)
    }

    @Test func pmtOrderAndIReverses() {
        let s = selected(1)
        #expect(press(s, .character("M")).sort == .memory)
        #expect(press(s, .character("T")).sort == .time)
        #expect(pids(press(s, .character("T"))) == [1, 30, 500, 400, 2], "most CPU time first")
        let reversed = press(s, .character("T"), .character("I"))
        #expect(reversed.sortReversed && reversed.flash == "order: CPU time, reversed")
        #expect(pids(reversed) == [2, 400, 500, 30, 1])
        #expect(!press(reversed, .character("P")).sortReversed && press(reversed, .character("P")).sort == .cpu, "P is CPU, most first")
    }

    @Test func kHidesKernelThreadsAndUShowsOneUser() {
        let hidden = press(selected(1), .character("K"))
        #expect(hidden.flash == "kernel threads hidden (K shows them)")
        #expect(pids(hidden) == [500, 400, 1], "kthreadd and its children are gone")
        #expect(pids(press(hidden, .character("K"))).count == 5)
        let alice = press(selected(500), .character("u"))
        #expect(alice.userFilter == "alice" && alice.flash == "only alice's processes (u again: everyone)")
        #expect(Set(pids(alice)) == [400, 500])
        #expect(press(alice, .character("u")).userFilter == nil)
        #expect(press(alice, .escape).userFilter == nil, "Esc clears every narrowing")
        #expect(press(AppState(width: 80, height: 24), .character("u")).flash?.hasPrefix("u: select a process first") == true)
        #expect(press(selected(1), .character("H")).flash?.contains("THR counts") == true)
    }

    @Test func starFoldsTheSelectedSubtree() {
        let tree = press(selected(400), .character("t"))
        #expect(pids(tree).contains(500))
        let folded = press(tree, .character("*"))
        #expect(folded.collapsed == [400])
        #expect(!pids(folded).contains(500), "vim is folded under bash")
        var builder = DashboardModelBuilder(historyPoints: 8)
        builder.state = folded
        let row = builder.build(snapshot: folded.snapshot, store: SeriesStoreProbe.empty, interval: 1, hostFallback: "h").processes.rows.first { $0.pid == 400 }
        #expect(row?.treePrefix.hasSuffix("+ ") == true, "a folded branch is marked")
        #expect(pids(press(folded, .character("*"))).contains(500))
        #expect(press(selected(400), .character("*")).flash?.contains("tree view") == true)
    }

    @Test func keysThatActOnAProcessAskTheWorldOrSayWhyNot() {
        let target = ProcessTarget(pid: 500, name: "vim", startTicks: 100)
        #expect(DashboardReducer.step(selected(500), .key(.function(7))).effects == [.renice(target, by: -1)])
        #expect(DashboardReducer.step(selected(500), .key(.function(8))).effects == [.renice(target, by: 1)])
        #expect(DashboardReducer.step(selected(500), .key(.character("e"))).effects == [.inspect(target, .environment)])
        #expect(DashboardReducer.step(selected(500), .key(.character("l"))).effects == [.inspect(target, .openFiles)])
        var readOnly = selected(500)
        readOnly.readOnly = true
        #expect(press(readOnly, .function(8)).flash?.hasPrefix("read-only") == true)
        #expect(DashboardReducer.step(readOnly, .key(.character("e"))).effects.count == 1, "reading is not acting: e works read-only")
        let replay = DashboardReducer.reduce(selected(500), .feed(readOnlyReason: "a recording: vitals replay", cursor: nil, snapshot: nil))
        #expect(press(replay, .character("l")).flash == "this host's processes only (a recording: vitals replay)")
        var past = selected(500)
        past.cursor = 0
        #expect(press(past, .function(7)).flash == "live processes only: Esc returns to live")
    }

    @Test func theColumnChooserTogglesAndSavesOnlyAChange() {
        var s = press(selected(1), .function(2))
        #expect(s.overlay == .columns(selected: 0, before: ProcessColumn.standard))
        s = press(s, .down, .down, .character(" "))
        #expect(!s.columns.contains(.state), "the third column, S, hidden")
        let (closed, effects) = DashboardReducer.step(s, .key(.escape))
        #expect(closed.overlay == nil)
        #expect(effects == [.saveColumns(ProcessColumn.standard.filter { $0 != .state })])
        let unchanged = press(selected(1), .function(2), .down, .character(" "), .character(" "))
        #expect(DashboardReducer.step(unchanged, .key(.function(2))).effects.isEmpty, "shown and hidden again: nothing to save")
        // The command cannot be hidden; a column comes back where the standard order puts it.
        #expect(OverlayKeys.toggled(.command, in: [.pid, .command]) == [.pid, .command])
        #expect(OverlayKeys.toggled(.cpu, in: [.pid, .user, .command]) == [.pid, .user, .cpu, .command])
    }

    @Test func overlaysScrollAndCloseAndTheLogOpensAtItsEnd() {
        var s = press(AppState(width: 80, height: 24), .character("L"))
        #expect(s.overlay == .log && s.overlayOffset > 1000)
        s = DashboardReducer.reduce(s, .drawn(FrameReport(processPids: [], alertCount: 0, overlayOffset: 7)))
        #expect(s.overlayOffset == 7, "the frame keeps the offset within the log")
        #expect(press(s, .up).overlayOffset == 6)
        #expect(press(s, .pageUp).overlayOffset == 0)
        #expect(press(s, .character("x")).overlay == nil, "any other key closes")
        let help = press(AppState(width: 80, height: 24), .character("?"), .down, .down)
        #expect(help.showHelp && help.overlayOffset == 2, "the help scrolls")
        #expect(!press(help, .character("q")).showHelp && press(help, .character("q")).isRunning)
        #expect(DashboardReducer.step(AppState(width: 80, height: 24), .key(.character("r"))).effects == [.reconnect])
    }

    @Test func theKeyBarTakesTheBottomRowFromTwentyRows() {
        #expect(AppState(width: 80, height: 24).showsKeyBar && AppState(width: 80, height: 24).paneHeight == 23)
        #expect(!AppState(width: 40, height: 15).showsKeyBar)
        var off = AppState(width: 80, height: 24)
        off.keyBar = false
        #expect(!off.showsKeyBar && off.paneHeight == 24)
        var on = AppState(width: 40, height: 15)
        on.keyBar = true
        #expect(on.showsKeyBar)
    }

    @Test func theMessageLogKeepsEachShowingOnce() {
        var log = MessageLog()
        log.note(["config reloaded"], at: 1)
        log.note(["config reloaded", "sent SIGTERM to x (1)"], at: 2)
        log.note(["config reloaded"], at: 3)
        log.note(["config reloaded", "sent SIGTERM to x (1)"], at: 4)
        #expect(log.entries.map(\.text) == ["config reloaded", "sent SIGTERM to x (1)", "sent SIGTERM to x (1)"])
        #expect(log.entries.map(\.time) == [1, 2, 4])
        var small = MessageLog()
        small.limit = 2
        for i in 0..<5 { small.note(["m\(i)"], at: Double(i)) }
        #expect(small.entries.map(\.text) == ["m3", "m4"])
    }

    @Test func thisProcessesEnvironmentAndOpenFilesAreRead() throws {
        var buffer = ReadBuffer(capacity: 1024)
        let me = try ProcessSample.parse(ProcFS().read("\(getpid())/stat", into: &buffer))
        let target = ProcessTarget(pid: getpid(), name: "tests", startTicks: me.startTicks)
        let inspector = ProcessInspector(procfs: ProcFS())
        let environment = try inspector.inspect(target, .environment).get()
        #expect(environment.title == "Environment of tests (\(getpid()))")
        #expect(environment.entries.contains { $0.key == "PATH" && !$0.text.isEmpty })
        let fd = open("/proc/self/stat", O_RDONLY)
        defer { close(fd) }
        let files = try inspector.inspect(target, .openFiles).get()
        #expect(files.entries.contains { $0.key == String(fd) && $0.text == "/proc/\(getpid())/stat" })
        let recycled = ProcessTarget(pid: getpid(), name: "tests", startTicks: me.startTicks + 1)
        guard case let .failure(refusal) = inspector.inspect(recycled, .openFiles) else { Issue.record("a recycled pid was read"); return }
        #expect(refusal.text.hasPrefix("pid \(getpid()) is now another process"))
    }

    @Test func reniceStepsTheNiceValueOfAChild() throws {
        var pid: pid_t = 0
        var argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/sleep"), strdup("30"), nil]
        defer { argv.forEach { free($0) } }
        #expect(posix_spawn(&pid, "/bin/sleep", nil, nil, &argv, environ) == 0)
        defer {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        var buffer = ReadBuffer(capacity: 1024)
        let child = try ProcessSample.parse(ProcFS().read("\(pid)/stat", into: &buffer))
        let sender = SignalSender(procfs: ProcFS())
        let target = ProcessTarget(pid: pid, name: "sleep", startTicks: child.startTicks)
        #expect(sender.renice(target, by: 1) == "sleep (\(pid)): nice \(child.nice) → \(child.nice + 1)")
        #expect(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(pid)) == child.nice + 1)
        let stale = ProcessTarget(pid: pid, name: "sleep", startTicks: child.startTicks + 1)
        #expect(sender.renice(stale, by: 1).hasSuffix("; nice unchanged"))
    }
}
