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

    /// Sends `keys`, then polls the screen until `shown` holds (3 s at most): whether it did, and when.
    static func timed(_ session: TmuxSession, _ keys: String, until shown: (String) -> Bool) -> (Bool, Double) {
        let sent = now()
        session.send(keys)
        let found = Shell.waitUntil(seconds: 3) { shown(session.capture()) }
        return (found, now() - sent)
    }

    @Test func escapeClearsTheFilterAtOnceAndAKeyAfterItCounts() async {
        let session = TmuxSession(width: 120, height: 40, command: "exec \(Shell.quote(vitals)) --no-history-file")
        defer { session.kill() }
        await #expect(session.waitFor(["by CPU"], seconds: 5).found)
        session.send("/ a b c")
        await #expect(session.waitFor(["filter abc▏"], seconds: 3).found, "\(session.capture())")
        // What any key takes to show on this machine now (other tests run beside this one): Enter
        // keeps the filter, and the title loses its cursor.
        // Both are timed without a suspension point (a blocking poll of under a second), so that
        // a busy pool resuming this test late does not count as the key's time.
        let (kept, baseline) = Self.timed(session, "Enter") { $0.contains("filter abc (") }
        let (cleared, took) = Self.timed(session, "Escape") { !$0.contains("filter abc") }
        // ncurses' own delay would add a second to what a key takes.
        #expect(kept && cleared && took < baseline + 0.6, "the filter cleared \(took) s after Esc, a key took \(baseline) s (ncurses' own delay is 1 s)")
        // Esc, then g at once (one write): the go-to prompt opens.
        session.send("/ x")
        await #expect(session.waitFor(["filter x▏"], seconds: 3).found)
        session.send("Escape g")
        await #expect(session.waitFor([" go to: "], seconds: 3).found, "\(session.capture())")
    }
}
