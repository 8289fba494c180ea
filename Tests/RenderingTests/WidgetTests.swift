import Rendering
import Testing
import Theming
import VitalsCore

@Suite struct SparklineTests {
    func draw(_ values: [Double?], width: Int, height: Int = 1, maximum: Double? = nil) -> [String] {
        var canvas = Canvas(width: width, height: height)
        Sparkline(values: values, maximum: maximum).render(in: canvas.bounds, into: &canvas) { _ in .plain }
        return (0..<height).map { canvas.line($0) }
    }

    @Test func eightLevels() {
        #expect(draw((0...8).map { Double($0) }, width: 9, maximum: 8) == [" ▁▂▃▄▅▆▇█"])
    }

    @Test func newestAtTheRightAndGapsAreHoles() {
        #expect(draw([8, nil, 8], width: 5, maximum: 8) == ["  █ █"])
    }

    @Test func tinyNonZeroValuesStayVisible() {
        #expect(draw([0.01, 0], width: 2, maximum: 100) == ["▁ "])
    }

    @Test func tallGraphsStackFullBlocks() {
        #expect(draw([2, 1, 0.5], width: 3, height: 2, maximum: 2) == ["█  ", "██▄"])
    }

    @Test func onlyTheNewestValuesThatFitAreDrawn() {
        #expect(draw([8, 8, 0, 4], width: 2, maximum: 8) == [" ▄"])
    }

    @Test func autoScalesWithoutAMaximum() {
        #expect(draw([1, 2], width: 2) == ["▄█"])
    }
}

@Suite struct MeterTests {
    func draw(_ meter: Meter, width: Int, labelWidth: Int? = nil) -> String {
        var canvas = Canvas(width: width, height: 1)
        meter.render(in: canvas.bounds, into: &canvas, labelWidth: labelWidth, labelStyle: .plain, barStyle: .plain, trackStyle: .plain, valueStyle: .plain)
        return canvas.line(0)
    }

    @Test func fullHalfAndEmpty() {
        #expect(draw(Meter(label: "c0", fraction: 1, valueText: "100%"), width: 16) == "c0 ████████ 100%")
        #expect(draw(Meter(label: "c0", fraction: 0.5, valueText: "50%"), width: 16) == "c0 ████▌···· 50%")
        #expect(draw(Meter(label: "c0", fraction: nil, valueText: "-"), width: 10) == "c0 ····· -")
    }

    @Test func partialEighths() {
        #expect(draw(Meter(label: "", fraction: 0.5625, valueText: "x"), width: 6, labelWidth: 0) == "██▎· x")
    }

    @Test func narrowRectKeepsTheValue() {
        #expect(draw(Meter(label: "Total", fraction: 0.5, valueText: "50%"), width: 8) == "Total50%")
    }
}

@Suite struct TableAndFrameTests {
    @Test func columnsAlignAndTheFlexibleOneTakesTheRest() {
        var canvas = Canvas(width: 20, height: 3)
        let table = Table(columns: [.init("PID", width: 4, alignRight: true), .init("NAME", width: nil)], rows: [["1", "init"], ["42", "a-very-long-name"]])
        table.render(in: canvas.bounds, into: &canvas, headerStyle: .plain) { _ in .plain }
        #expect(canvas.lines == [" PID NAME", "   1 init", "  42 a-very-long-nam"], "clipped to the rect, never wrapped")
    }

    @Test func rowsBeyondTheRectAreNotDrawn() {
        var canvas = Canvas(width: 10, height: 2)
        Table(columns: [.init("A", width: nil)], rows: [["x"], ["y"]]).render(in: canvas.bounds, into: &canvas, headerStyle: .plain) { _ in .plain }
        #expect(canvas.lines == ["A", "x"])
    }

    @Test func paneFrameWithTitleAndSubtitle() {
        var canvas = Canvas(width: 22, height: 3)
        let inner = PaneFrame(title: "CPU", subtitle: ["2 cores"]).render(
            in: canvas.bounds, into: &canvas, glyphs: .rounded, borderStyle: .plain, titleStyle: .plain, subtitleStyle: .plain)
        #expect(canvas.lines == ["╭─ CPU  2 cores ─────╮", "│                    │", "╰────────────────────╯"])
        #expect(inner == Rect(x: 1, y: 1, width: 20, height: 1))
    }

    @Test func asciiFrame() {
        var canvas = Canvas(width: 8, height: 2)
        PaneFrame(title: "Net").render(in: canvas.bounds, into: &canvas, glyphs: .ascii, borderStyle: .plain, titleStyle: .plain, subtitleStyle: .plain)
        #expect(canvas.lines == ["+- Net-+", "+------+"])
    }
}

@Suite struct CanvasTests {
    @Test func writeClipsAtTheEdgeAndAtMaxWidth() {
        var canvas = Canvas(width: 6, height: 1)
        #expect(canvas.write("abcdefgh", x: 2, y: 0, style: .plain) == 4)
        #expect(canvas.line(0) == "  abcd")
        #expect(canvas.write("xyz", x: 0, y: 0, style: .plain, maxWidth: 2) == 2)
        #expect(canvas.line(0) == "xyabcd")
    }

    @Test func outOfBoundsWritesAreIgnored() {
        var canvas = Canvas(width: 3, height: 1)
        #expect(canvas.write("x", x: 0, y: 5, style: .plain) == 0)
        #expect(canvas.write("x", x: 9, y: 0, style: .plain) == 0)
        canvas[7, 7] = Cell("z")
        #expect(canvas.lines == [""])
    }

    @Test func wideCharactersTakeTwoCellsAndNeverStraddleTheEdge() {
        var canvas = Canvas(width: 5, height: 1)
        #expect(canvas.write("日本語", x: 0, y: 0, style: .plain) == 4)
        #expect(canvas.line(0) == "日本 ")
        #expect(canvas[1, 0].isContinuation)
        #expect(CharacterWidth.of("e\u{301}") == 1)
        #expect(CharacterWidth.of("🔥") == 2)
    }

    @Test func controlCharactersNeverReachTheCanvasRaw() {
        var canvas = Canvas(width: 40, height: 1)
        canvas.write("evil\u{1B}[2J\nname\u{7F}\u{9B}31m\u{202E}x", x: 0, y: 0, style: .plain)
        #expect(canvas.line(0).hasPrefix("evil␛[2J␊name␡�31m�x"))
        for cell in canvas.cells {
            for scalar in cell.symbol.unicodeScalars where !cell.isContinuation {
                #expect(scalar.value >= 0x20 && scalar.value != 0x7F && !(0x80..<0xA0).contains(scalar.value))
            }
        }
    }

    @Test func sanitizerLeavesCleanTextAlone() {
        #expect(TextSanitizer.sanitize("kworker/0:1-events") == "kworker/0:1-events")
        #expect(TextSanitizer.sanitize("Grüße 日本") == "Grüße 日本")
        #expect(TextSanitizer.sanitize("a\tb") == "a␉b")
    }
}

@Suite struct FormatTests {
    @Test func bytes() {
        #expect(Format.bytes(UInt64(512)) == "512B")
        #expect(Format.bytes(UInt64(1536)) == "1.5K")
        #expect(Format.bytes(UInt64(23 * 1024 * 1024)) == "23M")
        #expect(Format.bytes(UInt64(1000 * 1024)) == "1.0M")
        #expect(Format.bytes(Double(-1)) == "-")
    }

    @Test func percentsUptimeAndFit() {
        #expect(Format.percent(3.14159) == "3.1%")
        #expect(Format.percent(42.4) == "42%")
        #expect(Format.percent(nil) == "-")
        #expect(Format.uptime(3 * 86_400 + 4 * 3600 + 12 * 60) == "3d 04:12")
        #expect(Format.uptime(3725) == "01:02:05")
        #expect(Format.fit("abc", 5, right: true) == "  abc")
        #expect(Format.fit("abcdef", 3) == "abc")
        #expect(Format.fit("日本", 3) == "日 ")
        #expect(Format.fixed(-0.04, 1) == "0.0")
        #expect(Format.fixed(2.25, 2) == "2.25")
    }
}

@Suite struct WhiskerAndWindowTests {
    @Test func aWhiskerMarksTheMaxAboveTheBar() {
        var canvas = Canvas(width: 3, height: 4)
        // Means 1, 1, 4 of 8; maxes 8, 1, 4: only the first column folds a spike.
        Sparkline(values: [1, 1, 4], maximum: 8, whiskers: [8, 1, 4]).render(in: canvas.bounds, into: &canvas) { _ in .plain }
        #expect(canvas.lines == ["╷", "", "  █", "▄▄█"])
    }

    @Test func aWhiskerInsideTheBarsRowIsNotDrawn() {
        var canvas = Canvas(width: 1, height: 1)
        Sparkline(values: [1], maximum: 8, whiskers: [3]).render(in: canvas.bounds, into: &canvas) { _ in .plain }
        #expect(canvas.lines == ["▁"])
    }

    @Test func perTickHistoryKeepsTheNewestThatFit() {
        let h: GraphHistory = [1, 2, 3, 4]
        #expect(h.fitted(to: 2).mean == [3, 4])
    }

    @Test func aWindowFoldsManyPointsIntoACell() {
        let h = GraphHistory(mean: [1, 3, nil, nil, 5, 7], max: [2, 9, nil, nil, 6, 8], perTick: false)
        let (mean, max) = h.fitted(to: 3)
        #expect(mean == [2, nil, 6])
        #expect(max == [9, nil, 8], "the spike survives in the max")
    }

    @Test func aWindowStretchesFewPointsOverManyCells() {
        let h = GraphHistory(mean: [1, 2], perTick: false)
        #expect(h.fitted(to: 4).mean == [1, 1, 2, 2])
        #expect(h.fitted(to: 5).mean.count == 5)
    }

    @Test func zoomStepsThroughTheWindowsAndStopsAtTheEnds() {
        #expect(HistoryWindow.live.zoomedIn == .live)
        #expect(HistoryWindow.live.zoomedOut == .oneMinute)
        #expect(HistoryWindow.allCases.map(\.label) == ["live", "1m", "5m", "15m", "1h", "6h", "24h", "7d", "30d"])
        #expect(HistoryWindow.thirtyDays.zoomedOut == .thirtyDays)
    }

    @Test func theWindowIsInTheGraphPanesTitles() {
        var model = DashboardFixture.model
        model.window = .sixHours
        let lines = DashboardView().render(model, width: 120, height: 30).lines
        #expect(lines.contains { $0.hasPrefix("╭─ CPU  6h  8 cores") }, "\(lines.prefix(3))")
        #expect(lines.contains { $0.contains("Network  6h") })
        #expect(!lines.contains { $0.contains("Processes  6h") })
    }
}

@Suite struct ProcessPaneTests {
    @Test func theSelectedRowIsHighlightedScrolledIntoViewWithItsDetailLine() {
        var model = DashboardFixture.model
        model.processes.selectedIndex = 30
        model.processes.detail = "pid 2110  root  state S  1 thread  /usr/sbin/sshd -D"
        let canvas = DashboardView().render(model, width: 120, height: 30)
        let lines = canvas.lines
        let detailRow = lines.firstIndex { $0.contains("pid 2110  root  state S") }
        #expect(detailRow != nil, "\(lines)")
        let selectedRow = lines.firstIndex { $0.contains(" 2110 ") && !$0.contains("pid 2110") }
        #expect(selectedRow != nil && selectedRow! < detailRow!, "row 30 scrolled into view above the detail line")
        let palette = Palette(theme: .default)
        let y = selectedRow!
        #expect(canvas[5, y].style.background == palette.selected.background, "the whole row is highlighted")
    }

    @Test func theHelpOverlayListsTheKeys() {
        var model = DashboardFixture.model
        model.showHelp = true
        let lines = DashboardView().render(model, width: 120, height: 30).lines
        #expect(lines.contains { $0.contains("Keys") && $0.contains("other keys close") })
        #expect(lines.contains { $0.contains("/") && $0.contains("filter processes by name, command line or user") })
        #expect(lines.contains { $0.contains("zoom the graphs out / in") })
    }

    @Test func theFilterAndFollowAreInTheTitle() {
        var model = DashboardFixture.model
        model.processes.filter = "post"
        model.processes.editingFilter = true
        model.processes.matching = 4
        model.processes.follow = true
        let lines = DashboardView().render(model, width: 200, height: 50).lines
        #expect(lines.contains { $0.contains("Processes  filter post▏ (4)") && $0.contains("follow") }, "\(lines.filter { $0.contains("Processes") })")
    }
}

@Suite struct SignalChooserTests {
    @Test func everySignalAndTheQuestionAreShown() {
        var model = DashboardFixture.model
        model.signalChooser = .init(target: "sleep (5875)", choices: ["TERM", "KILL", "HUP", "INT", "STOP", "CONT"], choice: 1, confirming: true)
        let lines = DashboardView().render(model, width: 200, height: 50).lines
        for name in ["SIGTERM", "> SIGKILL", "SIGHUP", "SIGINT", "SIGSTOP", "SIGCONT"] { #expect(lines.contains { $0.contains(name) }, "\(name)") }
        #expect(lines.contains { $0.contains("send SIGKILL to sleep (5875)? y / n") })
    }
}

@Suite struct AlertBannerTests {
    /// A placeholder model until the alert engine fills it.
    static let alerts: [DashboardModel.BannerAlert] = [
        .init(name: "load-high", severity: .warning, age: 720),
        .init(name: "filesystem-full", severity: .critical, age: 180, count: 2),
        .init(name: "swapping", severity: .info, age: 60),
    ]

    @Test func theBannerTakesRowOneMostSevereFirst() {
        var model = DashboardFixture.model
        model.alerts = Self.alerts
        let canvas = DashboardView().render(model, width: 120, height: 30)
        let lines = canvas.lines
        #expect(lines[1].hasPrefix(" ▲ CRITICAL filesystem-full ×2 3m  ·  WARNING load-high 12m"), "\(lines[1])")
        #expect(lines[1].contains("·  WARNING load-high"))
        #expect(lines[1].contains("·  INFO swapping"))
        #expect(lines[2].hasPrefix("╭─ CPU"), "the panes start one row lower")
        let palette = Palette(theme: .default)
        #expect(canvas[100, 1].style.background == Theme.default[.cpuEnd], "the row is in the most severe colour")
        _ = palette
    }

    @Test func agesAreShort() {
        #expect([0, 45, 180, 7500, 90_000, 900_000].map(Format.age) == ["0s", "45s", "3m", "2h05m", "1d01h", "10d"])
    }

    @Test func noAlertsNoBannerAndANarrowBannerSaysHowManyMore() {
        #expect(DashboardView().render(DashboardFixture.model, width: 120, height: 30).lines[1].hasPrefix("╭─ CPU"))
        var model = DashboardFixture.model
        model.alerts = Self.alerts
        let line = DashboardView().render(model, width: 50, height: 30).lines[1]
        #expect(line.hasPrefix(" ▲ CRITICAL filesystem-full ×2"))
        #expect(line.contains("+2 more"), "\(line)")
    }
}

@Suite struct ManyCoresTests {
    @Test func sixtyFourCoresAllShowAt80x24() {
        var model = DashboardFixture.model
        model.cpu.cores = (0..<64).map { .init(id: $0, busy: Double($0) / 64) }
        model.cpu.history = .empty  // so every block cell in the pane is a core's
        let canvas = DashboardView().render(model, width: 80, height: 24)
        // The CPU pane's interior rows hold one heat cell per core.
        let blocks = Set(Sparkline.levels.dropFirst())
        var cells = 0
        for y in 4..<8 {  // below the Total meter and the mode line
            for x in 1..<46 where blocks.contains(canvas[x, y].symbol) { cells += 1 }
        }
        #expect(cells == 64, "every core has a cell: \(cells)\n\(canvas.lines.prefix(9).joined(separator: "\n"))")
        #expect(!canvas.lines.contains { $0.contains("c63") }, "no per-core meters")
    }
}

@Suite struct StackedBarTests {
    @Test func partsFillTheBarExactlyByLargestRemainder() {
        let bar = StackedBar(parts: [.init(fraction: 0.66, glyph: "█", style: .plain), .init(fraction: 0.27, glyph: "▓", style: .plain), .init(fraction: 0.07, glyph: "·", style: .plain)])
        #expect(bar.cells(width: 10) == [6, 3, 1], "6.6, 2.7, 0.7: the two largest remainders round up")
        #expect(bar.cells(width: 3) == [2, 1, 0])
        for w in 1...50 { #expect(bar.cells(width: w).reduce(0, +) == w) }
        var canvas = Canvas(width: 10, height: 1)
        bar.render(in: canvas.bounds, into: &canvas)
        #expect(canvas.lines == ["██████▓▓▓·"])
    }

    @Test func theMemoryBarShowsUsedCacheAndFree() {
        // Fixture: 32G total, 21G used, 2G free: 9G of cache and other reclaimable memory.
        let line = DashboardView().render(DashboardFixture.model, width: 80, height: 24).lines.first { $0.contains("Used") } ?? ""
        let afterLabel = line.split(separator: "Used", maxSplits: 1).last ?? ""
        let bar = afterLabel.drop { $0 != "█" }.prefix { "█▓·".contains($0) }
        #expect(bar.count { $0 == "█" } > bar.count { $0 == "▓" } && bar.count { $0 == "▓" } > bar.count { $0 == "·" }, "\(line)")
        #expect(line.hasSuffix("21G/32G  66%│"))
    }
}

@Suite struct BrailleGraphTests {
    func draw(_ values: [Double?], width: Int, height: Int, whiskers: [Double?]? = nil) -> [String] {
        var canvas = Canvas(width: width, height: height)
        BrailleGraph(values: values, maximum: 4, whiskers: whiskers).render(in: canvas.bounds, into: &canvas) { _ in .plain }
        return canvas.lines
    }

    @Test func twoPointsAndFourLevelsPerCell() {
        // Maximum 4 in one row: a value is as many dots high as its level, left column then right.
        #expect(draw([1, 4], width: 1, height: 1) == ["⣸"])
        #expect(draw([4, 4], width: 1, height: 1) == ["⣿"])
        #expect(draw([2, 0], width: 1, height: 1) == ["⡄"])
        #expect(draw([nil, 3], width: 1, height: 1) == ["⢰"], "a gap draws nothing in its column")
    }

    @Test func newestAtTheRightAndTallerGraphsStack() {
        #expect(draw([4, 4], width: 2, height: 1) == [" ⣿"])
        #expect(draw([4, 2], width: 1, height: 2) == ["⡇", "⣿"], "8 levels in 2 rows: 4 fills both, 2 the lower row")
        #expect(draw([4, 0], width: 1, height: 2) == ["⡇", "⡇"])
    }

    @Test func aWhiskerIsOneDotAtTheMax() {
        #expect(draw([1, 1], width: 1, height: 1, whiskers: [4, 1]) == ["⣁"])
    }

    @Test func brailleFallsBackToASCIIByDotCount() {
        #expect(ASCIIFallback.character("⣿") == "#")
        #expect(ASCIIFallback.character("⡀") == ".")
        #expect(ASCIIFallback.character("\u{2800}") == " ")
    }
}

@Suite struct CoreSparklineTests {
    @Test func wideCoreCellsGetAMiniSparkline() {
        var model = DashboardFixture.model
        model.cpu.cores = (0..<2).map { i in
            var core = DashboardModel.CPU.Core(id: i, busy: 0.5)
            core.recent = [0.125, 0.25, 0.5, 1, 0.5, 0.25, 0.125, 0.25, 0.5, 1]
            return core
        }
        let line = DashboardView().render(model, width: 200, height: 50).lines.first { $0.contains("c0 ") } ?? ""
        #expect(line.contains("▁▂▄█▄▂▁▂▄█"), "\(line)")
        #expect(line.contains(" 50%"), "the meter keeps its figure")
        var narrow = DashboardFixture.model
        narrow.cpu.cores = (0..<8).map { i in
            var core = DashboardModel.CPU.Core(id: i, busy: 0.5)
            core.recent = Array(repeating: 1, count: 10)
            return core
        }
        let narrowLine = DashboardView().render(narrow, width: 80, height: 24).lines.first { $0.contains("c0 ") } ?? ""
        #expect(!narrowLine.contains("██████████"), "no sparkline when cells are narrow: \(narrowLine)")
    }
}

@Suite struct AlertListViewTests {
    static let list = DashboardModel.AlertList(
        rows: [
            .init(severity: .critical, state: "firing", name: "filesystem-nearly-full", labels: "mountpoint=/data", age: 300, value: "0.04", summary: "/data has 0.04 of its space left"),
            .init(severity: .warning, state: "firing", name: "load-high", labels: "", age: 60, value: "5.2", summary: "load 5.2 on db1", silenced: "silenced 59m"),
            .init(severity: .info, state: "resolved", name: "swapping", labels: "", age: 1200, value: "3", summary: "swapping out 3 pages/s"),
        ],
        selected: 1, silenceChoices: ["15m", "1h", "4h", "24h", "7d"], footer: "10 rules · history in /x/alerts.sqlite"
    )

    @Test func listsAlertsWithStateAgeValueAndSummary() {
        var model = DashboardFixture.model
        model.alertList = Self.list
        let lines = DashboardView().render(model, width: 120, height: 30).lines
        let text = lines.joined(separator: "\n")
        #expect(text.contains("Alerts  ↑↓ select · s silence · a/Esc close"))
        #expect(lines.contains { $0.contains(" CRIT  filesystem-nearly-full  firing  5m  value 0.04  mountpoint=/data") }, "\(text)")
        #expect(lines.contains { $0.contains("> WARN  load-high  firing, silenced 59m  1m  value 5.2") }, "the selected row is marked")
        #expect(lines.contains { $0.contains(" INFO  swapping  resolved  20m  value 3") })
        #expect(lines.contains { $0.contains("load 5.2 on db1") })
        #expect(lines.contains { $0.contains("10 rules · history in /x/alerts.sqlite") })
    }

    @Test func theSilenceChooserTakesTheFooter() {
        var model = DashboardFixture.model
        var list = Self.list
        list.silenceChoice = 1
        model.alertList = list
        let lines = DashboardView().render(model, width: 120, height: 30).lines
        #expect(lines.contains { $0.contains("silence for:  15m [1h] 4h  24h  7d") }, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("← → choose · Enter silence · Esc cancel") })
    }

    @Test func emptyAndTinyScreensStayWhole() {
        var model = DashboardFixture.model
        model.alertList = DashboardModel.AlertList(rows: [], selected: 0)
        #expect(DashboardView().render(model, width: 80, height: 24).lines.contains { $0.contains("no alerts active or resolved in the last hour") })
        model.alertList = Self.list
        for (w, h) in [(20, 5), (30, 6), (60, 40)] {
            let canvas = DashboardView().render(model, width: w, height: h)
            #expect(canvas.lines.count == h && canvas.lines.allSatisfy { CharacterWidth.of($0) <= w })
        }
    }
}

@Suite struct StackedGraphTests {
    func draw(_ layers: [[Double?]], width: Int, height: Int) -> [String] {
        var canvas = Canvas(width: width, height: height)
        let glyphs: [Character] = ["U", "S", "W", "T"]
        StackedGraph(layers: layers.enumerated().map { .init(values: $1, glyph: glyphs[$0], style: .plain) })
            .render(in: canvas.bounds, into: &canvas)
        return (0..<height).map { canvas.line($0) }
    }

    @Test func layersStackBottomUpInOrder() {
        // 50 % user, 25 % system, 25 % iowait over four rows; then a column of only system.
        #expect(draw([[0.5, 0], [0.25, 0.5], [0.25, 0]], width: 2, height: 4) == ["W ", "S ", "US", "US"])
    }

    @Test func aCellShowsTheLayerCoveringMostOfItAndHalfEmptyCellsStayEmpty() {
        // One row: 30 % user + 30 % system covers 60 % of it, system no more than user: user wins ties.
        #expect(draw([[0.3], [0.3]], width: 1, height: 1) == ["U"])
        #expect(draw([[0.2], [0.35]], width: 1, height: 1) == ["S"])
        #expect(draw([[0.2], [0.2]], width: 1, height: 1) == [" "])
    }

    @Test func newestAtTheRightGapsEmptyAndOutOfRangeClamped() {
        #expect(draw([[nil, 1.7, -1]], width: 4, height: 1) == ["  U "])
    }

    @Test func onlyTheNewestColumnsThatFitAreDrawn() {
        #expect(draw([[1, 0, 1]], width: 2, height: 1) == [" U"])
    }
}
