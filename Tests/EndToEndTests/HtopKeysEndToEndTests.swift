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
        // htop's key bar on the bottom line.
        let bottom = screen.split(separator: "\n", omittingEmptySubsequences: false).dropLast().last.map(String.init) ?? ""
        #expect(bottom.hasPrefix("F1Help F2Columns F3Search F4Filter F5Tree F6SortBy F7Nice-") && bottom.contains("F10Quit"), "\(bottom)")
        session.send("h")
        await #expect(session.waitFor(["other keys close", "F10"], seconds: 10).found, "\(session.capture())")
        // The help is longer than 24 rows: End scrolls to its last key.
        session.send("End")
        await #expect(session.waitFor(["click a header to sort"], seconds: 10).found, "\(session.capture())")
        session.send("x")
        await #expect(Shell.waitUntil(seconds: 10) { !session.capture().contains("other keys close") })
        session.send("F5")
        await #expect(session.waitFor(["tree"], seconds: 10).found, "F5 is the tree: \(session.capture())")
        // `p` names the layout it chose; at 80x24 the wide one does not fit, and it says so.
        session.send("p")
        await #expect(session.waitFor(["layout: wide (too small here"], seconds: 10).found, "\(session.capture())")
        session.send("F7")
        await #expect(session.waitFor(["select a process first"], seconds: 10).found, "\(session.capture())")
        session.send("F12")
        await #expect(session.waitFor(["F12: no such key"], seconds: 10).found, "\(session.capture())")
        let pid = try #require(session.panePID())
        session.send("F10")
        #expect(await Shell.waitUntil(seconds: 10) { !isRunning(pid) }, "F10 quits")
    }
}

/// `-` zooms out from live to a wider window, never a narrower one: at 200 columns live already
/// spans minutes.
@Suite struct ZoomEndToEndTests {
    let vitals = BuiltProducts.vitals

    @Test func minusWidensTheViewAtTwoHundredColumns() async throws {
        let session = TmuxSession(width: 200, height: 50, command: "exec \(Shell.quote(vitals)) --no-history-file")
        defer { session.kill() }
        await #expect(session.waitFor(["by CPU"], seconds: 10).found)
        session.send("-")
        // 200 cells a second apart span 200 s (400 s in braille): 5m or 15m, never 1m.
        func zoomed(_ screen: String) -> Bool { screen.contains(" 5m ") || screen.contains(" 15m ") }
        var screen = ""
        #expect(await Shell.waitUntil(seconds: 10) { screen = session.capture(); return zoomed(screen) }, "\(screen)")
        #expect(!screen.contains(" 1m "), "the first step out spans more than live does:\n\(screen)")
        session.send("+")
        await #expect(Shell.waitUntil(seconds: 10) { !zoomed(session.capture()) }, "and back to live")
    }
}
