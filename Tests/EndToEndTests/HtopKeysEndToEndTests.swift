import Glibc
import TestSupport
import Testing

/// What an htop user tries first, on the real binary at 80x24: help is named on screen, `h` and
/// F1 open it, F10 quits, F5 is the tree, and a function key vitals has no match for says so.
@Suite struct HtopKeysEndToEndTests {
    let vitals = BuiltProducts.vitals

    @Test func helpIsNamedAtEightyColumnsAndF10Quits() async throws {
        let session = TmuxSession(width: 80, height: 24, command: "exec \(Shell.quote(vitals)) --no-history-file")
        defer { session.kill() }
        let (found, screen) = await session.waitFor(["by CPU"], seconds: 10)
        #expect(found, "\(screen)")
        let status = screen.split(separator: "\n").first.map(String.init) ?? ""
        #expect(status.hasSuffix("? help"), "the status line at 80 columns: \(status)")
        session.send("h")
        await #expect(session.waitFor(["any key closes", "F10"], seconds: 10).found, "\(session.capture())")
        session.send("x")
        await #expect(Shell.waitUntil(seconds: 10) { !session.capture().contains("any key closes") })
        session.send("F5")
        await #expect(session.waitFor(["tree"], seconds: 10).found, "F5 is the tree: \(session.capture())")
        session.send("F7")
        await #expect(session.waitFor(["no renice in vitals"], seconds: 10).found, "\(session.capture())")
        let pid = try #require(session.panePID())
        session.send("F10")
        #expect(await Shell.waitUntil(seconds: 10) { !isRunning(pid) }, "F10 quits")
    }
}
