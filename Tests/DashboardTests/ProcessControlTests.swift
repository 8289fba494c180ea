import Dashboard
import Glibc
import Rendering
import TerminalBackend
import Testing
import VitalsCore

/// Process-table keys through the pure reducer, and the table's order, filter and selection.
@Suite struct ProcessControlTests {
    func press(_ state: AppState, _ keys: Key...) -> AppState {
        keys.reduce(state) { DashboardReducer.reduce($0, .key($1)) }
    }

    let start = AppState(width: 120, height: 40)

    @Test func arrowsSelectAndMoveWithinBounds() {
        var s = press(start, .down)
        #expect(s.selection?.index == 0, "the first arrow selects the top row")
        s = press(s, .down, .down, .up)
        #expect(s.selection?.index == 1)
        s = press(s, .up, .up, .up)
        #expect(s.selection?.index == 0)
        s = press(s, .pageDown)
        #expect(s.selection!.index > 10, "a page is the rows on screen")
        s = press(s, .end)
        #expect(s.selection!.index > 1_000_000, "the run loop clamps it to the last row")
        s = press(s, .home)
        #expect(s.selection?.index == 0)
        s = press(s, .escape)
        #expect(s.selection == nil)
    }

    @Test func sortKeysCycleThroughEveryOrder() {
        var s = start
        var seen: [ProcessSort] = []
        for _ in ProcessSort.allCases {
            s = press(s, .character(">"))
            seen.append(s.sort)
        }
        #expect(seen == [.memory, .io, .time, .virtual, .threads, .nice, .pid, .name, .user, .cpu])
        #expect(press(start, .character("<")).sort == .user)
    }

    @Test func theFilterTakesEveryCharacterWhileTyped() {
        var s = press(start, .character("/"), .character("q"), .character("x"), .backspace, .character("s"))
        #expect(s.filter == "qs" && s.editingFilter && s.isRunning, "q is text while typing a filter")
        s = press(s, .enter)
        #expect(s.filter == "qs" && !s.editingFilter)
        s = press(s, .character("/"), .escape)
        #expect(s.filter.isEmpty && !s.editingFilter)
        #expect(press(start, .character("/"), .control(3)).exit == .quitKey, "Ctrl-C always quits")
    }

    @Test func spaceFreezesTheSnapshotHelpTakesAnyKeyAndFFollows() {
        let first = Snapshot(time: 1, host: HostInfo(hostname: "a"))
        var s = DashboardReducer.reduce(start, .snapshot(first))
        s = press(s, .character(" "))
        s = DashboardReducer.reduce(s, .snapshot(Snapshot(time: 2, host: HostInfo(hostname: "a"))))
        #expect(s.frozen && s.snapshot?.time == 1)
        s = press(s, .character(" "))
        s = DashboardReducer.reduce(s, .snapshot(Snapshot(time: 3, host: HostInfo(hostname: "a"))))
        #expect(s.snapshot?.time == 3)
        s = press(s, .character("?"))
        #expect(s.showHelp)
        s = press(s, .character("q"))
        #expect(!s.showHelp && s.isRunning, "the key that closes help does nothing else")
        #expect(press(start, .function(1)).showHelp)
        #expect(press(start, .character("f")).follow)
    }

    @Test func aSelectionFollowsItsProcessOrStaysOnItsRow() {
        let moved = ProcessSelection(index: 1, pid: nil, moved: true).reconciled(with: [10, 20, 30], follow: true)
        #expect(moved == ProcessSelection(index: 1, pid: 20, moved: false))
        #expect(moved.reconciled(with: [20, 30, 10], follow: true).index == 0, "following: the row of pid 20")
        #expect(moved.reconciled(with: [30, 10, 20], follow: false) == ProcessSelection(index: 1, pid: 10, moved: false), "not following: the same row")
        #expect(moved.reconciled(with: [10], follow: false).index == 0, "clamped to the rows there are")
        #expect(ProcessSelection(index: 5, moved: true).reconciled(with: [], follow: false).pid == nil)
    }

    static func process(_ pid: Int32, _ name: String, user: String, cpu: Double, rss: UInt64, cmd: String? = nil) -> ProcessSample {
        var p = ProcessSample(pid: pid, name: name, state: UInt8(ascii: "S"), ppid: 1, utimeTicks: 0, stimeTicks: 0, nice: 0, threads: 3,
                              startTicks: 100, virtualBytes: 0, residentBytes: rss, uid: 0)
        p.user = user
        p.cpuPercent = cpu
        p.commandLine = cmd
        return p
    }

    let list = [
        process(10, "postgres", user: "postgres", cpu: 5, rss: 300, cmd: "postgres: checkpointer"),
        process(3, "nginx", user: "www-data", cpu: 50, rss: 100, cmd: "nginx: worker process"),
        process(7, "bash", user: "alice", cpu: 0, rss: 200, cmd: "-bash"),
    ]

    @Test func everyOrder() {
        func order(_ sort: ProcessSort) -> [Int32] { ProcessTableProbe.ordered(list, sort: sort) }
        #expect(order(.cpu) == [3, 10, 7])
        #expect(order(.memory) == [10, 7, 3])
        #expect(order(.pid) == [3, 7, 10])
        #expect(order(.name) == [7, 3, 10])
        #expect(order(.user) == [7, 10, 3])
    }

    @Test func aLimitKeepsTheFirstRowsOfTheWholeOrder() {
        for sort in [ProcessSort.cpu, .memory, .pid, .name, .user] {
            let whole = ProcessTableProbe.ordered(list, sort: sort)
            #expect(ProcessTableProbe.ordered(list, sort: sort, limit: 2) == Array(whole.prefix(2)), "\(sort)")
            #expect(ProcessTableProbe.ordered(list, sort: sort, limit: 0).isEmpty)
        }
        #expect(ProcessTableProbe.ordered(list, sort: .cpu, filter: "o", limit: 1) == [3])
    }

    @Test func theFilterMatchesNameCommandLineOrUserIgnoringCase() {
        #expect(ProcessTableProbe.ordered(list, sort: .pid, filter: "WORKER") == [3])
        #expect(ProcessTableProbe.ordered(list, sort: .pid, filter: "alice") == [7])
        #expect(ProcessTableProbe.ordered(list, sort: .pid, filter: "post") == [10])
        #expect(ProcessTableProbe.ordered(list, sort: .pid, filter: "zzz").isEmpty)
    }

    @Test func theBuilderMarksTheSelectionAndWritesItsDetailLine() {
        var snapshot = Snapshot(time: 100, host: HostInfo(hostname: "h"))
        snapshot.processes = list
        var builder = DashboardModelBuilder(historyPoints: 4)
        builder.selection = ProcessSelection(index: 1, moved: true)
        let model = builder.build(snapshot: snapshot, store: SeriesStoreProbe.empty, interval: 1, hostFallback: "x").processes
        #expect(model.selectedIndex == 1)
        #expect(model.detail?.hasPrefix("pid 10  postgres  state S  3 threads  ppid 1") == true, "\(model.detail ?? "")")
        #expect(model.detail?.hasSuffix("postgres: checkpointer") == true)
    }
}

@Suite struct SignalAndTreeTests {
    func press(_ state: AppState, _ keys: Key...) -> AppState {
        keys.reduce(state) { DashboardReducer.reduce($0, .key($1)) }
    }

    func withProcess() -> AppState {
        var snapshot = Snapshot(time: 1, host: HostInfo(hostname: "h"))
        snapshot.processes = [ProcessControlTests.process(4242, "worker", user: "app", cpu: 1, rss: 1)]
        var s = DashboardReducer.reduce(AppState(width: 120, height: 40), .snapshot(snapshot))
        s.selection = ProcessSelection(index: 0, pid: 4242, moved: false)
        return s
    }

    @Test func kChoosesASignalAndYSendsIt() {
        var s = press(withProcess(), .character("k"))
        #expect(s.signalPrompt?.signalName == "TERM", "TERM first")
        s = press(s, .character("k"))
        #expect(s.signalPrompt?.signalName == "KILL", "a letter picks its signal")
        s = press(s, .down, .up, .enter)
        #expect(s.signalPrompt?.confirming == true)
        let (sent, effects) = DashboardReducer.step(s, .key(.character("y")))
        #expect(effects == [.sendSignal(SignalRequest(pid: 4242, name: "worker", startTicks: 100, signal: SIGKILL))])
        #expect(sent.signalPrompt == nil)
    }

    @Test func anythingButYCancelsAndReadOnlyRefuses() {
        let confirming = press(withProcess(), .character("k"), .enter)
        let (cancelled, effects) = DashboardReducer.step(confirming, .key(.character("n")))
        #expect(effects.isEmpty && cancelled.flash == "nothing sent")
        #expect(press(withProcess(), .character("k"), .escape).signalPrompt == nil)
        var readOnly = withProcess()
        readOnly.readOnly = true
        let refused = press(readOnly, .character("k"))
        #expect(refused.signalPrompt == nil && refused.flash?.hasPrefix("read-only") == true)
        let nothingSelected = press(AppState(width: 80, height: 24), .character("k"))
        #expect(nothingSelected.flash == "select a process first (↑ ↓)")
    }

    @Test func theTreePutsChildrenUnderTheirParents() {
        func p(_ pid: Int32, _ ppid: Int32, _ cpu: Double) -> ProcessSample {
            var s = ProcessControlTests.process(pid, "p\(pid)", user: "u", cpu: cpu, rss: 1)
            s.ppid = ppid
            return s
        }
        // 1 ─┬─ 10 ─── 100
        //    └─ 20      (and 7 whose parent 99 is not listed: a root of its own)
        let list = [p(100, 10, 9), p(20, 1, 5), p(10, 1, 1), p(1, 0, 0), p(7, 99, 3)]
        let tree = TreeProbe.rows(list)
        #expect(tree.map { "\($0.1)p\($0.0)" } == ["p7", "p1", "├─ p20", "└─ p10", "   └─ p100"], "roots and siblings in CPU order")
    }

    @Test func aParentCycleDoesNotHang() {
        var a = ProcessControlTests.process(2, "a", user: "u", cpu: 0, rss: 1)
        var b = ProcessControlTests.process(3, "b", user: "u", cpu: 0, rss: 1)
        a.ppid = 3
        b.ppid = 2
        #expect(TreeProbe.rows([a, b]).isEmpty, "neither is a root: both are left out, nothing loops")
    }

    @Test func aRecycledPidIsNeverSignalled() {
        let message = SignalProbe.send(SIGTERM, to: getpid(), startTicks: 1, name: "me")
        #expect(message.hasPrefix("pid \(getpid()) is now another process"), "\(message)")
        #expect(SignalProbe.send(SIGTERM, to: 2_000_000_000, startTicks: 1, name: "gone") == "gone (2000000000) has already exited; nothing sent")
    }
}

@Suite struct ContainersViewTests {
    static func cgroup(_ name: String, cpu: Double, memory: UInt64, limit: UInt64?, procs: Int) -> CgroupUsage {
        var c = CgroupUsage(path: "/system.slice/" + name, name: name, processCount: procs)
        c.cpuPercent = cpu
        c.memoryCurrentBytes = memory
        c.memoryMaxBytes = limit
        return c
    }

    let cgroups = [
        cgroup("nginx.service", cpu: 12, memory: 100 << 20, limit: nil, procs: 3),
        cgroup("docker:3f2a9c1b7e4d", cpu: 80, memory: 950 << 20, limit: 1 << 30, procs: 7),
        cgroup("empty.slice", cpu: 0, memory: 0, limit: nil, procs: 0),
    ]

    @Test func cCyclesTheProcessPaneToContainersAndBack() {
        var s = AppState(width: 120, height: 40)
        s = DashboardReducer.reduce(s, .key(.character("c")))
        #expect(s.containers)
        s = DashboardReducer.reduce(s, .key(.character("c")))
        #expect(!s.containers)
    }

    @Test func rowsAreCgroupsWithProcessesInTheTablesOrder() {
        #expect(DashboardModelBuilder.containerRows(cgroups, sort: .cpu).map(\.name) == ["docker:3f2a9c1b7e4d", "nginx.service"])
        #expect(DashboardModelBuilder.containerRows(cgroups, sort: .name).map(\.name) == ["docker:3f2a9c1b7e4d", "nginx.service"])
        var snapshot = Snapshot(time: 1, host: HostInfo(hostname: "h"))
        snapshot.cgroups = cgroups
        var builder = DashboardModelBuilder(historyPoints: 4)
        builder.state.containers = true
        let model = builder.build(snapshot: snapshot, store: SeriesStoreProbe.empty, interval: 1, hostFallback: "x")
        let lines = DashboardView().render(model, width: 120, height: 30).lines
        #expect(lines.contains { $0.contains("Containers  2 cgroups, by CPU") })
        let docker = lines.first { $0.contains("docker:3f2a9c1b7e4d") } ?? ""
        #expect(docker.contains("80%") && docker.contains("950M") && docker.contains("1.0G") && docker.contains("93%"), "\(docker)")
        let nginx = lines.first { $0.contains("nginx.service") } ?? ""
        #expect(nginx.contains("none"), "no limit: \(nginx)")
    }
}

@Suite struct MouseTests {
    let start = AppState(width: 200, height: 50)
    // The key bar takes the bottom row.
    var pane: Rect { DashboardLayout.compute(width: 200, height: start.paneHeight).panes[.processes]! }

    func click(_ state: AppState, x: Int, y: Int) -> AppState {
        DashboardReducer.reduce(state, .mouse(MouseEvent(.click, x: x, y: y)))
    }

    @Test func aClickOnAHeaderOrdersByThatColumn() {
        let header = pane.y + 1
        // Columns from the pane's left edge + 1: PID (7) USER (9) S (1) NI (3) CPU% (5) MEM% (5)
        // VIRT (6) RSS (6) TIME+ (9) THR (4) IO/s (6) COMMAND, one space apart.
        #expect(click(start, x: pane.x + 1 + 2, y: header).sort == .pid)
        #expect(click(start, x: pane.x + 1 + 10, y: header).sort == .user)
        #expect(click(start, x: pane.x + 1 + 21, y: header).sort == .nice)
        #expect(click(click(start, x: pane.x + 1 + 10, y: header), x: pane.x + 1 + 25, y: header).sort == .cpu)
        #expect(click(start, x: pane.x + 1 + 31, y: header).sort == .memory)
        #expect(click(start, x: pane.x + 1 + 38, y: header).sort == .virtual)
        #expect(click(start, x: pane.x + 1 + 45, y: header).sort == .memory)
        #expect(click(start, x: pane.x + 1 + 52, y: header).sort == .time)
        #expect(click(start, x: pane.x + 1 + 61, y: header).sort == .threads)
        #expect(click(start, x: pane.x + 1 + 67, y: header).sort == .io)
        #expect(click(start, x: pane.x + 1 + 80, y: header).sort == .name)
        // The state column orders nothing; the ordering column's header again reverses the order.
        #expect(click(start, x: pane.x + 1 + 18, y: header) == start)
        let cpu = click(start, x: pane.x + 1 + 25, y: header)
        #expect(cpu.sort == .cpu && cpu.sortReversed)
        #expect(!click(cpu, x: pane.x + 1 + 25, y: header).sortReversed)
    }

    @Test func aClickOnARowSelectsItAndTheWheelMovesTheSelection() {
        var s = click(start, x: pane.x + 20, y: pane.y + 2 + 4)
        #expect(s.selection?.index == 4)
        s = DashboardReducer.reduce(s, .mouse(MouseEvent(.wheelDown, x: pane.x + 5, y: pane.y + 5)))
        #expect(s.selection?.index == 7)
        s = DashboardReducer.reduce(s, .mouse(MouseEvent(.wheelUp, x: pane.x + 5, y: pane.y + 5)))
        #expect(s.selection?.index == 4)
        #expect(click(s, x: 1, y: 3) == s, "a click outside the process pane changes nothing")
        var help = s
        help.showHelp = true
        #expect(!click(help, x: pane.x + 20, y: pane.y + 3).showHelp, "a click closes the help")
    }
}
