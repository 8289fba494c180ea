import CNcurses
import Glibc
import Rendering
@testable import TerminalBackend
import Testing
import Theming

/// Real ncurses on /dev/null (no terminal needed). Debian's ncurses is not thread-safe, so every
/// test that starts a screen lives in this one serialized suite.
@Suite(.serialized) struct NcursesHeadlessTests {
    @Test func startsDrawsAndStopsWithoutATerminal() throws {
        let output = try #require(fopen("/dev/null", "w"))
        let input = try #require(fopen("/dev/null", "r"))
        defer {
            fclose(output)
            fclose(input)
        }
        let backend = try NcursesBackend(environment: ["COLORTERM": ""], terminalType: "xterm-256color", input: input, output: output)
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

    @Test func noColorMeansMonochrome() throws {
        let output = try #require(fopen("/dev/null", "w"))
        let input = try #require(fopen("/dev/null", "r"))
        defer {
            fclose(output)
            fclose(input)
        }
        let backend = try NcursesBackend(environment: ["NO_COLOR": "1"], terminalType: "xterm-256color", input: input, output: output)
        defer { backend.shutdown() }
        #expect(backend.colorDepth == .monochrome)
    }
}
