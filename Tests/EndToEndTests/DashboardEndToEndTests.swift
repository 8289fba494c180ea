import Glibc
import TestSupport
import Testing
import VitalsCore

/// The real binary in a real (tmux) terminal. Serialized: each test owns a tmux server.
@Suite(.serialized) struct DashboardEndToEndTests {
    let vitals = BuiltProducts.vitals

    @Test func showsAllFivePanesAndACPUFigureWithinThreeSeconds() async {
        let session = TmuxSession(width: 120, height: 35, command: "exec \(Shell.quote(vitals))")
        let (found, screen) = await session.waitFor(["CPU", "Memory", "Disk", "Network", "Processes", "load "], seconds: 10)
        #expect(found, "screen was:\n\(screen)")
        let total = screen.split(separator: "\n").first { $0.contains("Total") } ?? ""
        #expect(total.contains("%") && !total.hasSuffix("-│"), "a CPU figure, not a placeholder: \(total)")
    }

    @Test func aResizeRedrawsForTheNewSize() async {
        let session = TmuxSession(width: 120, height: 35, command: "exec \(Shell.quote(vitals))")
        await #expect(session.waitFor(["Processes"], seconds: 10).found)
        session.resize(width: 60, height: 40)
        let stacked = await Shell.waitUntil(seconds: 10) {
            let lines = session.capture().split(separator: "\n", omittingEmptySubsequences: false)
            // Stacked layout: the memory pane starts at column 0 and spans the 60 columns.
            return lines.contains { $0.hasPrefix("╭─ Memory") && $0.hasSuffix("╮") && $0.count == 60 }
        }
        #expect(stacked, "screen was:\n\(session.capture())")
    }

    @Test func qExitsAndTheShellScreenIsBack() async {
        let session = TmuxSession(width: 100, height: 30, command: "echo SHELL-BEFORE; \(Shell.quote(vitals)); echo VITALS-EXIT=$?; sleep 30")
        await #expect(session.waitFor(["Processes"], seconds: 10).found)
        session.send("q")
        let (found, screen) = await session.waitFor(["VITALS-EXIT=0"], seconds: 10)
        #expect(found, "screen was:\n\(screen)")
        #expect(screen.contains("SHELL-BEFORE"), "the alternate screen was left: the shell's screen is back")
        #expect(!screen.contains("╭"), "no dashboard remains on the screen")
    }

    @Test func sigtermRestoresTheTerminal() async throws {
        let session = TmuxSession(width: 100, height: 30, command: "echo SHELL-BEFORE; \(Shell.quote(vitals)) --interval 0.5; echo VITALS-EXIT=$?; sleep 30")
        await #expect(session.waitFor(["Processes"], seconds: 10).found)
        let shell = try #require(session.panePID())
        let pid = try #require(Int32(Shell.run("pgrep -P \(shell) -f -- '--interval 0.5'").output.split(separator: "\n").first ?? ""))
        kill(pid, SIGTERM)
        let (found, screen) = await session.waitFor(["VITALS-EXIT=143", "SHELL-BEFORE"], seconds: 10)
        #expect(found, "screen was:\n\(screen)")
        #expect(!screen.contains("╭"))
    }

    @Test func aCrashRestoresTheTerminalBeforeTheProcessDies() async throws {
        // Swift's backtracer would wait 30 s for a key on a terminal; the test reads its report only.
        let session = TmuxSession(
            width: 100, height: 30,
            command: "echo SHELL-BEFORE; SWIFT_BACKTRACE=interactive=no \(Shell.quote(vitals)) --interval 0.7; echo VITALS-EXIT=$?; sleep 30"
        )
        // Not at the first frame: collecting starts after it, and until then the main thread is
        // alone, opening the alert journal. A signal landing in SQLite's fdatasync there leaves
        // frame pointers Swift's unwinder cannot follow, and the one thread's report has no frame
        // in vitals. Once processes are counted, the collection thread's stack is in the report too.
        let collecting = await Shell.waitUntil(seconds: 10) {
            let screen = session.capture()
            return screen.contains("Processes") && !screen.contains("Processes  0 total")
        }
        #expect(collecting, "screen was:\n\(session.capture())")
        let shell = try #require(session.panePID())
        let pid = try #require(Int32(Shell.run("pgrep -P \(shell) -f -- '--interval 0.7'").output.split(separator: "\n").first ?? ""))
        // A fatal signal takes the same path as a Swift runtime trap or a segfault: the terminal is
        // restored first, then Swift's backtracer writes its report, then the process dies of it.
        kill(pid, SIGSEGV)
        let (found, screen) = await session.waitFor(["VITALS-EXIT="], seconds: 20)
        #expect(found, "screen was:\n\(screen)")
        #expect(screen.contains(" in vitals at "), "the crash report (backtrace frames) reached the terminal")
        #expect(!screen.contains("╭─ CPU"), "no dashboard was drawn over the report")
        let status = screen.split(separator: "\n").first { $0.hasPrefix("VITALS-EXIT=") }.map { String($0.dropFirst("VITALS-EXIT=".count)) }
        #expect(status == "139", "died of SIGSEGV (128 + 11), not exited normally")
    }

    @Test func killingTheSessionEndsTheProcessWithinTwoSeconds() async throws {
        let session = TmuxSession(width: 100, height: 30, command: "exec \(Shell.quote(vitals))")
        await #expect(session.waitFor(["Processes"], seconds: 10).found)
        let pid = try #require(session.panePID())
        #expect(isRunning(pid))
        let start = Shell.now()
        session.kill()
        let ended = await Shell.waitUntil(seconds: 10) { !isRunning(pid) }
        #expect(ended, "still running \(Shell.now() - start) s after the hang-up")
    }

    @Test func noColorProducesNoColourEscapes() async {
        let session = TmuxSession(width: 100, height: 30, command: "NO_COLOR=1 exec \(Shell.quote(vitals))")
        await #expect(session.waitFor(["Processes"], seconds: 10).found)
        let colours = sgrParameters(session.captureWithEscapes()).filter { p in
            (30...38).contains(p) || (40...48).contains(p) || (90...97).contains(p) || (100...107).contains(p)
        }
        #expect(colours.isEmpty, "colour escapes under NO_COLOR: \(colours)")
    }

    /// A locale without UTF-8: every cell ASCII, and the borders drawn from the terminal's ACS (tmux
    /// keeps such cells as their VT100 letters, `lqqk`, in a plain capture), never as `+--+`.
    @Test func aLocaleWithoutUTF8GetsASCIIWithLineDrawnBorders() async {
        let session = TmuxSession(width: 80, height: 24, command: "LC_ALL=C LANG=C exec \(Shell.quote(vitals)) --no-history-file")
        let (found, screen) = await session.waitFor(["Processes"], seconds: 5)
        #expect(found, "\(screen)")
        let lines = screen.split(separator: "\n")
        #expect(lines.count > 2 && lines[1].hasPrefix("lq CPU"), "\(screen)")
        #expect(!screen.contains("+-"))
        #expect(screen.unicodeScalars.allSatisfy { $0.isASCII })
    }

    @Test func refusesToRunWithoutATerminal() async {
        let out = Fixtures.temporaryDirectory() + "/out"
        let status = Shell.run("\(Shell.quote(vitals)) < /dev/null > \(out) 2>&1").status
        let text = Fixtures.text(out) ?? ""
        #expect(status == 1)
        #expect(text == "vitals: vitals needs a terminal; for scripts use `vitals snapshot --json`\n")
    }

    @Test func bothExecutablesSayTheirVersion() async {
        for executable in [vitals, vitals + "-agent"] {
            let (output, status) = Shell.run("\(Shell.quote(executable)) --version 2>&1")
            #expect(status == 0, "\(executable): \(output)")
            #expect(output == VitalsVersion.withRevision + "\n", "\(executable)")
            #expect(output.hasPrefix(VitalsVersion.current + " ("), "the version and the revision built")
        }
    }

    /// Every command's help, as a pipe gets it: 80 columns, so lines of at most 79. ArgumentParser
    /// wraps each line of a discussion greedily on its own, so a line broken by hand in the source
    /// leaves a word or two alone on a line; greedy wrapping never leaves room on a line for the
    /// next line's first word.
    @Test(arguments: [
        "", "snapshot", "replay", "alerts", "alerts export", "config", "config init", "config check", "config show",
        "-agent agent", "-agent attach", "-agent bench", "-agent bench store", "-agent bench alerts", "-agent bench stream",
    ])
    func everyHelpIsWrappedAsParagraphs(_ command: String) async {
        let (executable, path) = command.hasPrefix("-agent") ? (vitals + "-agent", String(command.dropFirst(7))) : (vitals, command)
        let (output, status) = Shell.run("\(Shell.quote(executable)) help \(path) 2>&1")
        #expect(status == 0, "\(output)")
        let prose = output.split(separator: "\n", omittingEmptySubsequences: false).prefix { !$0.hasPrefix("USAGE:") }
        for (line, next) in zip(prose, prose.dropFirst()) where !line.isEmpty && !next.isEmpty {
            #expect(line.count <= 79, "\(command): \(line)")
            let word = next.prefix { $0 != " " }
            #expect(line.count + 1 + word.count > 79, "\(command): \"\(next)\" was broken off \"\(line)\" in the source")
        }
    }

    @Test func badOptionsSayWhatIsWrong() async {
        let (output, status) = Shell.run("\(Shell.quote(vitals)) --interval 0")
        #expect(status != 0)
        #expect(output == "--interval: 0 is out of range (100ms to 1h)\n")
    }
}

/// Every numeric SGR parameter in `text` (`ESC [ a ; b m` → a, b).
func sgrParameters(_ text: String) -> [Int] {
    var result: [Int] = []
    var rest = Substring(text)
    while let start = rest.firstIndex(of: "\u{1B}") {
        rest = rest[rest.index(after: start)...]
        guard rest.first == "[", let end = rest.firstIndex(where: { $0.isLetter }) else { continue }
        if rest[end] == "m" {
            result += rest[rest.index(after: rest.startIndex)..<end].split(separator: ";").compactMap { Int($0) }
        }
        rest = rest[rest.index(after: end)...]
    }
    return result
}
