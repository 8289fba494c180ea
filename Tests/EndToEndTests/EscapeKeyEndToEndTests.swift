import Glibc
import TestSupport
import Testing

/// Esc acts at once (ncurses' own delay is a second), and Esc followed quickly by a key is two
/// keys, not Alt+key.
@Suite(.serialized) struct EscapeKeyEndToEndTests {
    let vitals = BuiltProducts.vitals

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    @Test func escapeClearsTheFilterAtOnceAndAKeyAfterItCounts() async {
        let session = TmuxSession(width: 120, height: 40, command: "exec \(Shell.quote(vitals)) --no-history-file")
        defer { session.kill() }
        await #expect(session.waitFor(["by CPU"], seconds: 5).found)
        session.send("/ a b c")
        await #expect(session.waitFor(["filter abc▏"], seconds: 3).found, "\(session.capture())")
        let sent = Self.now()
        session.send("Escape")
        let cleared = await Shell.waitUntil(seconds: 3) { !session.capture().contains("filter abc") }
        let took = Self.now() - sent
        #expect(cleared && took < 0.8, "the filter cleared \(took) s after Esc (ncurses' own delay is 1 s)")
        // Esc, then g at once (one write): the go-to prompt opens.
        session.send("/ x")
        await #expect(session.waitFor(["filter x▏"], seconds: 3).found)
        session.send("Escape g")
        await #expect(session.waitFor([" go to: "], seconds: 3).found, "\(session.capture())")
    }
}
