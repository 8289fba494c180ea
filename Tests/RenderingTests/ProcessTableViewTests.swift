@testable import Rendering
import Testing

/// The process table's columns as the pane narrows, TIME+, wrapping, overlays, the key bar and
/// the time axis: by their canvas lines.
@Suite struct ProcessTableViewTests {
    func row(_ name: String, command: String?) -> DashboardModel.ProcessRow {
        var row = DashboardModel.ProcessRow(pid: 4242, user: "alice", cpuPercent: 12, memoryPercent: 1.5, residentBytes: 300 << 20, name: name)
        row.state = "S"
        row.nice = 5
        row.virtualBytes = 2 << 30
        row.cpuSeconds = 3725.5
        row.threads = 12
        row.commandLine = command
        return row
    }

    func lines(width: Int, _ rows: [DashboardModel.ProcessRow], columns: [ProcessColumn] = ProcessColumn.standard) -> [String] {
        var processes = DashboardModel.Processes(rows: rows, total: rows.count)
        processes.columns = columns
        var canvas = Canvas(width: width, height: 1 + rows.count)
        ProcessPaneView(palette: Palette(theme: .default)).render(processes, in: canvas.bounds, into: &canvas)
        return canvas.lines
    }

    @Test func wideTablesShowEveryColumnAndTheCommandLine() {
        let out = lines(width: 110, [row("java", command: "/usr/bin/java -jar app.jar")])
        #expect(out[0] == "    PID USER      S  NI ▼CPU%  MEM%   VIRT    RSS     TIME+  THR   IO/s COMMAND")
        #expect(out[1] == "   4242 alice     S   5   12%  1.5%   2.0G   300M  62:05.50   12      - /usr/bin/java -jar app.jar")
    }

    @Test func narrowTablesDropTheLeastNeededFiguresAndKeepTheName() {
        let out = lines(width: 40, [row("kworker/0:1-events", command: nil)])
        #expect(out[0] == "    PID ▼CPU%    RSS NAME")
        #expect(out[1] == "   4242   12%   300M kworker/0:1-events")
        let tiny = lines(width: 20, [row("postgres", command: nil)])
        #expect(tiny[1] == "postgres", "below every figure, the name alone")
        // Below 24 columns for the command, the name rather than a cut command line.
        let middle = lines(width: 60, [row("java", command: "/usr/bin/java -jar app.jar")])
        #expect(middle[0].hasSuffix(" NAME") && middle[1].hasSuffix(" java"))
    }

    @Test func chosenColumnsAndTheReversedMark() {
        var processes = DashboardModel.Processes(rows: [row("vim", command: "vim notes")], total: 1)
        processes.columns = [.pid, .time, .command]
        processes.sort = .time
        processes.reversed = true
        var canvas = Canvas(width: 50, height: 2)
        ProcessPaneView(palette: Palette(theme: .default)).render(processes, in: canvas.bounds, into: &canvas)
        #expect(canvas.lines == ["    PID    ▲TIME+ COMMAND", "   4242  62:05.50 vim notes"])
    }

    @Test func timePlusIsHtops() {
        #expect(ProcessColumn.cpuTime(0) == "0:00.00")
        #expect(ProcessColumn.cpuTime(61.257) == "1:01.25")
        #expect(ProcessColumn.cpuTime(100 * 3600 + 3 * 60 + 4) == "100h03:04")
        #expect(ProcessColumn.cpuTime(-1) == "-")
        #expect(ProcessColumn.parse(["cpu", "nope", "pid", "cpu"]) == [.cpu, .pid, .command], "unknown and repeated names go; the command is added")
    }

    @Test func columnsLeaveByKeepNotFromTheRight() {
        let table = Table(columns: [.init("A", width: 4, keep: 9), .init("B", width: 4, keep: 1), .init("C", width: 4, keep: 5), .init("N", width: nil)], rows: [],
                          flexibleMinimum: 4)
        #expect(table.layout(totalWidth: 19) == [4, 4, 4, 4])
        #expect(table.layout(totalWidth: 18) == [4, nil, 4, 8], "B goes first; the name takes its room")
        #expect(table.layout(totalWidth: 10) == [4, nil, nil, 5])
        #expect(table.layout(totalWidth: 3) == [nil, nil, nil, 3])
    }

    @Test func textWrapsAtWordsAndCutsOnlyLongWords() {
        #expect(TextWrap.lines("order by CPU, memory, I/O", width: 12) == ["order by", "CPU, memory,", "I/O"])
        #expect(TextWrap.lines("PATH=/usr/local/sbin:/usr/local/bin", width: 10) == ["PATH=/usr/", "local/sbin", ":/usr/loca", "l/bin"])
        #expect(TextWrap.lines("", width: 5) == [""])
    }

    @Test func overlaysScrollWrapAndSayWhatIsShown() {
        let overlay = DashboardModel.Overlay(title: "Messages", entries: (1...30).map { .init("05:00:\($0)", "message \($0)") }, offset: 100)
        var canvas = Canvas(width: 40, height: 12)
        let drawn = ListOverlayView(palette: Palette(theme: .default), glyphs: .rounded).render(overlay, in: canvas.bounds, into: &canvas)
        #expect(drawn == 21, "kept within the entries: the last nine lines")
        #expect(canvas.lines.contains { $0.contains("22–30 of 30") })
        #expect(canvas.lines.contains { $0.contains("05:00:30  message 30") })
        var top = overlay
        top.offset = 0
        var again = Canvas(width: 40, height: 12)
        ListOverlayView(palette: Palette(theme: .default), glyphs: .rounded).render(top, in: again.bounds, into: &again)
        #expect(again.lines.contains { $0.contains("↓ more") })
    }

    @Test func theHelpReachesEveryKeyByScrollingAtEightyByTwentyFour() {
        var last = Canvas(width: 80, height: 24)
        HelpOverlayView(palette: Palette(theme: .default), glyphs: .rounded).render(offset: 1000, in: last.bounds, into: &last)
        #expect(last.lines.contains { $0.contains("click a header to sort") }, "the last key is reachable")
        var narrow = Canvas(width: 60, height: 40)
        HelpOverlayView(palette: Palette(theme: .default), glyphs: .rounded).render(offset: 0, in: narrow.bounds, into: &narrow)
        // Wrapped at a word: no line of the box ends inside one.
        #expect(narrow.lines.contains { $0.contains("message log: every status-line message") })
        #expect(narrow.lines.contains { $0.contains("│                 of this run, in full") })
    }

    @Test func theKeyBarKeepsHelpAndQuitWhenNarrow() {
        #expect(KeyBarView.fitting(80).map(\.key) == ["F1", "F2", "F3", "F4", "F5", "F6", "F7", "F9", "F10"])
        #expect(KeyBarView.fitting(24).map(\.key) == ["F1", "F3", "F10"])
        #expect(KeyBarView.fitting(6).map(\.key) == ["F1"])
    }

    @Test func theTimeAxisMarksBackFromTheMomentShown() {
        var canvas = Canvas(width: 60, height: 1)
        TimeAxis(endLabel: "21:45:00", secondsPerCell: 5, span: nil)
            .render(in: canvas.bounds, into: &canvas, markStyle: .plain, endStyle: .plain)
        // A mark a minute (12 cells of 5 s); the one that would touch the moment's label is left out.
        #expect(canvas.lines == ["           ╵-4m        ╵-3m        ╵-2m           ◆ 21:45:00"])
        var zoomed = Canvas(width: 60, height: 1)
        TimeAxis(endLabel: "yesterday 21:45", secondsPerCell: 1, span: 86_400)
            .render(in: zoomed.bounds, into: &zoomed, markStyle: .plain, endStyle: .plain)
        #expect(zoomed.lines[0].hasSuffix("◆ yesterday 21:45") && zoomed.lines[0].contains("╵-12h"))
    }

    @Test func subtitlesAreShownWholeOrNotAtAll() {
        var canvas = Canvas(width: 30, height: 3)
        PaneFrame(title: "Memory", subtitle: ["used = total − available"]).render(
            in: canvas.bounds, into: &canvas, glyphs: .rounded, borderStyle: .plain, titleStyle: .plain, subtitleStyle: .plain)
        #expect(canvas.lines[0] == "╭─ Memory ───────────────────╮")
        var error = Canvas(width: 30, height: 3)
        PaneFrame(title: "Memory", subtitle: ["! cannot read /proc/meminfo"], cutsFirst: true).render(
            in: error.bounds, into: &error, glyphs: .rounded, borderStyle: .plain, titleStyle: .plain, subtitleStyle: .plain)
        #expect(error.lines[0].hasPrefix("╭─ Memory  ! cannot read"))
    }
}
