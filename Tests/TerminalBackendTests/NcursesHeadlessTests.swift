import CNcurses
import Glibc
import Rendering
@testable import TerminalBackend
import Testing
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

    @Test func noColorMeansMonochrome() throws {
        try withNullTerminal(environment: ["NO_COLOR": "1"]) { backend in
            defer { backend.shutdown() }
            #expect(backend.colorDepth == .monochrome)
        }
    }
}
