import Rendering
import TestSupport
import Testing
import TerminalBackend
import Theming

/// One golden full screen per size from fixture data; `VITALS_UPDATE_GOLDEN=1` rewrites them.
@Suite struct GoldenScreenTests {
    static let directory = Fixtures.packageRoot + "/Tests/RenderingTests/Golden"

    @Test(arguments: [(200, 50), (80, 24), (60, 40), (100, 15), (120, 12), (30, 6), (20, 5)])
    func screen(width: Int, height: Int) {
        let canvas = DashboardView().render(DashboardFixture.model, width: width, height: height)
        #expect(canvas.width == width && canvas.height == height)
        let diff = Golden.compare(canvas.lines, file: Self.directory + "/dashboard-\(width)x\(height).txt")
        #expect(diff == nil, "\(diff ?? "")")
    }

    /// The glyph ladder's last rung: the same screens in 7-bit ASCII, columns unchanged.
    @Test(arguments: [(80, 24), (120, 12)])
    func asciiScreen(width: Int, height: Int) {
        var model = DashboardFixture.model
        model.asciiOnly = true
        model.window = .oneHour
        let canvas = DashboardView().render(model, width: width, height: height)
        #expect(canvas.cells.allSatisfy { $0.symbol.isASCII }, "every cell is ASCII")
        let diff = Golden.compare(canvas.lines, file: Self.directory + "/dashboard-\(width)x\(height)-ascii.txt")
        #expect(diff == nil, "\(diff ?? "")")
    }

    /// ASCII with line drawing: borders stay lines (the backend sends them from the terminal's ACS).
    @Test func asciiScreenWithLineDrawing() {
        var model = DashboardFixture.model
        model.asciiOnly = true
        model.lineDrawing = true
        let canvas = DashboardView().render(model, width: 80, height: 24)
        #expect(canvas.cells.allSatisfy { $0.symbol.isASCII || ASCIIFallback.acsLetter[$0.symbol] != nil }, "ASCII or ACS line drawing")
        #expect(canvas.lines[1].hasPrefix("┌─ CPU"))
        let diff = Golden.compare(canvas.lines, file: Self.directory + "/dashboard-80x24-acs.txt")
        #expect(diff == nil, "\(diff ?? "")")
    }

    /// The top rung: the CPU graph in braille.
    @Test func brailleScreen() {
        var model = DashboardFixture.model
        model.braille = true
        let canvas = DashboardView().render(model, width: 80, height: 24)
        #expect(canvas.cells.contains { ($0.symbol.unicodeScalars.first?.value ?? 0) >= 0x2801 && ($0.symbol.unicodeScalars.first?.value ?? 0) <= 0x28FF })
        let diff = Golden.compare(canvas.lines, file: Self.directory + "/dashboard-80x24-braille.txt")
        #expect(diff == nil, "\(diff ?? "")")
    }

    /// `m`: the CPU graph stacked by mode, in the 200x50 layout's tall graph and in ASCII at 80x24.
    @Test(arguments: [(200, 50, false), (80, 24, true)])
    func modeScreen(width: Int, height: Int, ascii: Bool) {
        var model = DashboardFixture.model
        let n = 512
        model.cpu.modes = .init(
            user: DashboardFixture.wave(n, period: 37, low: 0.03, high: 0.55, gapAt: 480),
            system: DashboardFixture.wave(n, period: 53, low: 0.02, high: 0.2, gapAt: 480),
            iowait: DashboardFixture.wave(n, period: 90, low: 0, high: 0.15, gapAt: 480),
            steal: DashboardFixture.wave(n, period: 120, low: 0, high: 0.06, gapAt: 480)
        )
        model.asciiOnly = ascii
        let canvas = DashboardView().render(model, width: width, height: height)
        let text = canvas.lines.joined(separator: "\n")
        #expect(text.contains("by mode"))
        if ascii {
            #expect(canvas.cells.allSatisfy { $0.symbol.isASCII }, "every cell is ASCII")
        } else {
            #expect(text.contains("▒ wait") && text.contains("░ steal"), "the mode line is the graph's legend")
        }
        let diff = Golden.compare(canvas.lines, file: Self.directory + "/dashboard-\(width)x\(height)-modes\(ascii ? "-ascii" : "").txt")
        #expect(diff == nil, "\(diff ?? "")")
    }

    /// Time travel: a past moment is marked in the status line and the process pane's title.
    @Test(arguments: [(200, 50), (80, 24)])
    func pastScreen(width: Int, height: Int) {
        var model = DashboardFixture.model
        model.status.past = "03:12:05"
        model.processes.past = "heaviest at 03:12:05"
        let canvas = DashboardView().render(model, width: width, height: height)
        #expect(canvas.lines[0].hasPrefix(" PAST 03:12:05 "))
        #expect(canvas.lines.contains { $0.contains("heaviest at 03:12:05") })
        let diff = Golden.compare(canvas.lines, file: Self.directory + "/dashboard-\(width)x\(height)-past.txt")
        #expect(diff == nil, "\(diff ?? "")")
    }

    /// `vitals attach`: the status line says whose panes these are, and when the link is down, so.
    @Test(arguments: [(200, 50, false), (80, 24, false), (80, 24, true)])
    func remoteScreen(width: Int, height: Int, down: Bool) {
        var model = DashboardFixture.model
        model.status.remote = down
            ? DashboardModel.RemoteLink(text: "DISCONNECTED 0:42 · retry in 5 s", down: true) : DashboardModel.RemoteLink(text: "REMOTE", down: false)
        if down {
            model.status.flash = "connection refused by db1:19100: is `vitals agent` running there?"
        } else {
            model.status.notices = ["attached to http://db1:19100"]
        }
        model.processes.past = down ? "none while disconnected" : "heaviest on db1"
        let canvas = DashboardView().render(model, width: width, height: height)
        #expect(canvas.lines[0].hasPrefix(down ? " DISCONNECTED 0:42 · retry in 5 s  " : " REMOTE  "))
        let style = canvas[1, 0].style
        #expect(style == (down ? Palette(theme: .default).warning : Palette(theme: .default).selected))
        let diff = Golden.compare(canvas.lines, file: Self.directory + "/dashboard-\(width)x\(height)-remote\(down ? "-down" : "").txt")
        #expect(diff == nil, "\(diff ?? "")")
    }

    /// A collector's problem longer than the room left is cut, never dropped (a long socket path).
    @Test func aLongProblemIsCutNotLeftOut() {
        var model = DashboardFixture.model
        model.status.problems = ["containers: cannot open /tmp/vitals-engine-refused.abcdef/docker.sock: permission denied (needs root or the docker group)"]
        let line = DashboardView().render(model, width: 120, height: 30).lines[0]
        #expect(line.contains("! containers: cannot open /tmp/vitals"), "\(line)")
        #expect(line.hasSuffix("? help  q quit"), "help keeps its place")
    }

    @Test func hostileNamesAreDrawnAsVisibleStandIns() {
        let canvas = DashboardView().render(DashboardFixture.model, width: 200, height: 50)
        let text = canvas.lines.joined(separator: "\n")
        #expect(text.contains("evil␛[2J␊name"))
        #expect(!canvas.cells.contains { $0.symbol.unicodeScalars.contains { $0.value < 0x20 && $0.value != 0 } })
    }

    @Test func titlesAreBoldAndBordersUseThePaneColour() {
        let canvas = DashboardView().render(DashboardFixture.model, width: 80, height: 24)
        let cpuTitle = (0..<canvas.width).first { canvas[$0, 1].symbol == "C" && canvas[$0 + 1, 1].symbol == "P" }
        #expect(cpuTitle.map { canvas[$0, 1].style.attributes.contains(.bold) } == true)
        #expect(canvas[0, 1].style.foreground == Theme.default[.cpuBox])
    }

    @Test func aWaitingModelDrawsEveryPaneWithoutNumbers() {
        let canvas = DashboardView().render(.waiting(host: "h"), width: 80, height: 24)
        let text = canvas.lines.joined(separator: "\n")
        for title in ["CPU", "Memory", "Disk", "Network", "Processes"] { #expect(text.contains(title)) }
        #expect(text.contains("waiting for data"))
    }
}

/// The same screen's colours at three colour depths, as the terminal backend maps them: per row,
/// runs of `foreground/background×cells` (-1 is the terminal's own colour). A change of palette,
/// gradient or approximation shows up here even when the text does not change.
@Suite struct ColourDepthGoldenTests {
    @Test(arguments: [(ColorDepth.palette256, "256"), (.ansi16, "16"), (.ansi8, "8")])
    func coloursAt(_ depth: ColorDepth, _ name: String) {
        let canvas = DashboardView().render(DashboardFixture.model, width: 80, height: 24)
        let mapper = StyleMapper(depth: depth)
        let lines = (0..<canvas.height).map { y -> String in
            var runs: [String] = []
            var current = ""
            var count = 0
            for x in 0..<canvas.width {
                let style = canvas[x, y].style
                let key = "\(mapper.colorNumber(style.foreground))/\(mapper.colorNumber(style.background))"
                if key == current {
                    count += 1
                } else {
                    if count > 0 { runs.append("\(current)×\(count)") }
                    current = key
                    count = 1
                }
            }
            runs.append("\(current)×\(count)")
            return runs.joined(separator: " ")
        }
        let limit: Int32 = depth == .palette256 ? 256 : depth == .ansi16 ? 16 : 8
        #expect(canvas.cells.allSatisfy { mapper.colorNumber($0.style.foreground) < limit }, "every colour fits the depth")
        let diff = Golden.compare(lines, file: GoldenScreenTests.directory + "/dashboard-80x24-colors-\(name).txt")
        #expect(diff == nil, "\(diff ?? "")")
    }
}
