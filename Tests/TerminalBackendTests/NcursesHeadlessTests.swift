import CNcurses
import Glibc
import Rendering
@testable import TerminalBackend
import Testing
import TestSupport
import Theming

/// Real ncurses on /dev/null (no terminal needed). Debian's ncurses is not thread-safe, so every
/// test that starts a screen lives in this one serialized suite.
@Suite(.serialized) struct NcursesHeadlessTests {
    /// A backend on /dev/null for input and output, closed after `body`.
    func withNullTerminal(environment: [String: String], _ body: (NcursesBackend) throws -> Void) throws {
        let output = try #require(fopen("/dev/null", "w"))
        let input = try #require(fopen("/dev/null", "r"))
        defer {
            fclose(output)
            fclose(input)
        }
        try body(try NcursesBackend(environment: environment, terminalType: "xterm-256color", input: input, output: output))
    }

    @Test func startsDrawsAndStopsWithoutATerminal() throws {
        try withNullTerminal(environment: ["COLORTERM": ""]) { backend in
            #expect(backend.colorDepth == .palette256)
            #expect(backend.size.width > 0 && backend.size.height > 0)
            var canvas = Canvas(width: backend.size.width, height: backend.size.height)
            canvas.write("╭─ CPU 日本 evil\u{1B}[2J", x: 0, y: 0, style: Style(foreground: .rgb(200, 100, 0), attributes: .bold))
            canvas.write("corner", x: canvas.width - 6, y: canvas.height - 1, style: .plain)
            backend.present(canvas)
            backend.present(canvas)
            #expect(backend.pendingInput().isEmpty)
            backend.shutdown()
            backend.shutdown()
            #expect(backend.pendingInput() == [.hangup])
        }
    }

    /// ASCII mode keeps borders as lines from the terminal's alternate character set: the bytes
    /// curses writes hold xterm's `ESC ( 0` with the VT100 letters, and no UTF-8.
    @Test func asciiModeDrawsBordersFromTheAlternateCharacterSet() throws {
        let path = Fixtures.temporaryDirectory() + "/term"
        let output = try #require(fopen(path, "w"))
        let input = try #require(fopen("/dev/null", "r"))
        defer { fclose(input) }
        let backend = try NcursesBackend(environment: [:], asciiOnly: true, terminalType: "xterm-256color", input: input, output: output)
        #expect(backend.lineDrawing)
        var canvas = Canvas(width: backend.size.width, height: backend.size.height)
        canvas.write("╭─ CPU ─╮", x: 0, y: 0, style: .plain)
        backend.present(canvas.asciiOnly(lineDrawing: true))
        backend.shutdown()
        fclose(output)
        let text = try #require(Fixtures.text(path))
        let bytes = Array(text.utf8)
        // Each stretch between "switch to line drawing" and "back to ASCII" ends in its letters
        // (ncurses may put an attribute reset first).
        let drawn = text.split(separator: "\u{1B}(0", omittingEmptySubsequences: false).dropFirst().compactMap {
            $0.split(separator: "\u{1B}(B", omittingEmptySubsequences: false).first?.suffix(2)
        }
        #expect(drawn.map(String.init) == ["lq", "qk"], "top-left corner, lines and top-right corner from the ACS: \(drawn)")
        #expect(text.contains(" CPU "))
        #expect(bytes.allSatisfy { $0 < 0x80 }, "nothing but 7-bit bytes")
    }

    @Test func withoutASCIIModeThereIsNoLineDrawingSwitch() throws {
        try withNullTerminal(environment: [:]) { backend in
            defer { backend.shutdown() }
            #expect(!backend.lineDrawing)
        }
    }

    @Test func noColorMeansMonochrome() throws {
        try withNullTerminal(environment: ["NO_COLOR": "1"]) { backend in
            defer { backend.shutdown() }
            #expect(backend.colorDepth == .monochrome)
        }
    }
}
