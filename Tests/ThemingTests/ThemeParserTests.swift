import TestSupport
import Testing
import Theming

@Suite struct ThemeParserTests {
    /// A theme's value or key holding ESC, BEL or CSI is echoed in the diagnostics as visible
    /// stand-ins: printed after `q` or by `vitals config check`, it must not retitle the terminal.
    @Test func controlCharactersInAThemeNeverReachTheTerminalRaw() {
        let text = "theme[title]=\"\u{1B}]0;PWNED\u{07}\"\ntheme[\u{1B}[2J]=\"#ffffff\"\n\u{9B}31m\n"
        let (_, diagnostics) = ThemeParser.parse(text, name: "evil", file: "evil\u{1B}.theme", base: nil)
        #expect(diagnostics.count == 3)
        for d in diagnostics {
            #expect(!d.description.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }, "\(d.description.debugDescription)")
        }
        #expect(diagnostics.first?.description.contains("␛]0;PWNED␇") == true, "\(diagnostics)")
    }

    @Test func everyShippedThemeParsesCleanly() throws {
        let listing = Shell.run("ls \(Shell.quote(Fixtures.packageRoot + "/themes"))").output
        let files = listing.split(separator: "\n").filter { $0.hasSuffix(".theme") }
        #expect(!files.isEmpty)
        for file in files {
            let path = Fixtures.packageRoot + "/themes/" + file
            let text = try #require(Fixtures.text(path))
            let (_, diagnostics) = ThemeParser.parse(text, name: String(file), file: path, base: nil)
            #expect(diagnostics.isEmpty, "\(diagnostics)")
        }
    }

    @Test func everyCompiledThemeIsItsShippedFile() throws {
        #expect(Theme.builtInNames == ["default", "light", "nord", "gruvbox", "high-contrast", "monochrome"])
        var seen: [Theme] = []
        for name in Theme.builtInNames {
            let text = try #require(Fixtures.text(Fixtures.packageRoot + "/themes/\(name).theme"))
            let (fromFile, diagnostics) = ThemeParser.parse(text, name: name, base: nil)
            #expect(diagnostics.isEmpty)
            #expect(Theme.builtIn(name) == fromFile, "\(name): compiled copy differs from themes/\(name).theme")
            #expect(!seen.contains(fromFile), "\(name) is a palette of its own")
            seen.append(fromFile)
        }
        #expect(Theme.builtIn("nope") == nil)
    }

    @Test func theCompiledDefaultIsTheShippedFile() throws {
        let text = try #require(Fixtures.text(Fixtures.packageRoot + "/themes/default.theme"))
        let (theme, diagnostics) = ThemeParser.parse(text, name: "default", base: nil)
        #expect(diagnostics.isEmpty)
        #expect(theme == Theme.default)
        for role in ThemeRole.allCases where role != .mainBackground {
            #expect(theme[role] != .terminalDefault, "default.theme must set \(role.rawValue)")
        }
        #expect(theme[.mainBackground] == .terminalDefault, "the terminal's own background")
    }

    @Test func problemsAreReportedWithLineNumbersAndGoodLinesStillApply() {
        let text = """
        # comment
        theme[main_fg]="#102030"
        theme[no_such_key]="#ffffff"
        theme[title]="#12345"
        theme[hi_fg] "#ffffff"
        this is not a theme line
        theme[cpu_box]="#abcdef
        theme[mem_box]="10 20 30"
        """
        let (theme, diagnostics) = ThemeParser.parse(text, name: "t", file: "mine.theme")
        #expect(diagnostics.map(\.description) == [
            "mine.theme:3: unknown key \"no_such_key\"",
            "mine.theme:4: bad colour \"#12345\" for title: use \"#RRGGBB\", \"#GG\", \"R G B\" or \"\"",
            "mine.theme:5: expected = after theme[hi_fg]",
            "mine.theme:6: expected theme[key]=\"value\"",
            "mine.theme:7: unbalanced quotes in the value of cpu_box",
        ])
        #expect(theme[.mainForeground] == .rgb(0x10, 0x20, 0x30))
        #expect(theme[.memoryBox] == .rgb(10, 20, 30))
        #expect(theme[.title] == Theme.default[.title], "a bad line keeps the default's colour")
    }

    @Test func colourForms() {
        #expect(ThemeParser.parseColor("#ff8000") == .rgb(255, 128, 0))
        #expect(ThemeParser.parseColor("#80") == .rgb(128, 128, 128))
        #expect(ThemeParser.parseColor("1 2 3") == .rgb(1, 2, 3))
        #expect(ThemeParser.parseColor("") == .terminalDefault)
        #expect(ThemeParser.parseColor("#gg0000") == nil)
        #expect(ThemeParser.parseColor("1 2 300") == nil)
    }

    @Test func gradientsBlendThroughTheMiddleStop() {
        var theme = Theme(name: "g", colors: [:])
        theme[.cpuStart] = .rgb(0, 0, 0)
        theme[.cpuMid] = .rgb(100, 100, 100)
        theme[.cpuEnd] = .rgb(200, 0, 0)
        #expect(theme.gradient(.cpu, at: 0) == .rgb(0, 0, 0))
        #expect(theme.gradient(.cpu, at: 0.25) == .rgb(50, 50, 50))
        #expect(theme.gradient(.cpu, at: 1) == .rgb(200, 0, 0))
        #expect(theme.gradient(.cpu, at: .nan) == .rgb(0, 0, 0))
    }
}

@Suite struct ColorDepthTests {
    @Test func detection() {
        #expect(ColorDepth.forTerminal(colors: 256, colorTerm: "truecolor", noColor: false) == .truecolor)
        #expect(ColorDepth.forTerminal(colors: 256, colorTerm: nil, noColor: false) == .palette256)
        #expect(ColorDepth.forTerminal(colors: 8, colorTerm: nil, noColor: false) == .ansi8)
        #expect(ColorDepth.forTerminal(colors: 256, colorTerm: "truecolor", noColor: true) == .monochrome)
        #expect(ColorDepth.forTerminal(colors: 0, colorTerm: nil, noColor: false) == .monochrome)
    }

    @Test func paletteApproximation() {
        #expect(ColorApproximation.palette256(0, 0, 0) == 16)
        #expect(ColorApproximation.palette256(255, 255, 255) == 231)
        #expect(ColorApproximation.palette256(255, 0, 0) == 196)
        #expect(ColorApproximation.palette256(128, 128, 128) == 244)
        #expect(ColorApproximation.ansi(250, 10, 10, count: 8) == 1)
        #expect(ColorApproximation.ansi(250, 250, 250, count: 16) == 15)
    }
}
