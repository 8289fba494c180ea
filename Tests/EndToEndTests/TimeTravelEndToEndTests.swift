import Glibc
import TestSupport
import Testing

/// Time travel with the real binary in tmux: the cursor keys take the panes into the past (marked,
/// with that moment's processes), `g` jumps to a typed time, Esc returns to live.
@Suite(.serialized) struct TimeTravelEndToEndTests {
    let vitals = BuiltProducts.vitals

    @Test func leftGoesBackGJumpsEscapeReturns() async {
        let session = TmuxSession(width: 160, height: 45, command: "exec \(Shell.quote(vitals)) --interval 500ms")
        await #expect(session.waitFor(["by CPU"], seconds: 10).found)
        await Shell.pause(2.5)
        session.send("Left Left Left")
        var (found, screen) = await session.waitFor([" PAST ", "heaviest at "], seconds: 10)
        #expect(found, "\(screen)")
        #expect(screen.split(separator: "\n").first?.hasPrefix(" PAST ") == true, "first thing on the status line")
        // The moment's processes: vitals itself is among the heaviest by memory.
        #expect(screen.contains(" vitals"), "\(screen)")
        session.send("k")
        await #expect(session.waitFor(["live processes only"], seconds: 10).found)
        session.send("Escape")
        await #expect(Shell.waitUntil(seconds: 10) { !session.capture().contains(" PAST ") }, "\(session.capture())")
        session.send("g")
        await #expect(session.waitFor(["go to: "], seconds: 10).found)
        session.send("- 2 s Enter")
        (found, screen) = await session.waitFor([" PAST "], seconds: 10)
        #expect(found, "\(screen)")
        session.send("g n o p e Enter")
        await #expect(session.waitFor(["cannot go to \"nope\""], seconds: 10).found, "\(session.capture())")
        // Before the recording began (a day ago, on a fresh data directory): said, and not gone to.
        session.send("g - 1 d Enter")
        (found, screen) = await session.waitFor(["nothing recorded at "], seconds: 10)
        #expect(found, "\(screen)")
        #expect(screen.split(separator: "\n").first?.contains(" PAST ") == true, "the cursor stays where it was")
        session.send("Escape")
        await #expect(Shell.waitUntil(seconds: 10) { !session.capture().contains(" PAST ") })
    }

    /// A recorded data directory replays with no live collection: the recording's end, its
    /// processes, and a clear word for a directory with nothing in it or a start time that is none.
    @Test func replayShowsARecordingAndRefusesClearly() async throws {
        let state = Fixtures.temporaryDirectory("vitals-e2e-replay")
        defer { Shell.run("rm -rf \(Shell.quote(state))") }
        do {
            let recording = TmuxSession(width: 120, height: 40, command: "exec \(Shell.quote(vitals)) --interval 500ms", stateHome: state)
            await #expect(recording.waitFor(["by CPU"], seconds: 10).found)
            await Shell.pause(2)
            recording.send("q")
            await #expect(Shell.waitUntil(seconds: 5) { access(state + "/vitals/history.sqlite", R_OK) == 0 && recording.panePID() == nil })
        }
        let replay = TmuxSession(width: 120, height: 40, command: "exec \(Shell.quote(vitals)) replay --data-dir \(Shell.quote(state + "/vitals"))", stateHome: state)
        let (found, screen) = await replay.waitFor([" PAST ", "replay of ", "heaviest "], seconds: 5)
        #expect(found, "\(screen)")
        #expect(screen.contains(" vitals"), "the recording's processes: \(screen)")
        replay.send("Left Left")
        await #expect(replay.waitFor([" PAST "], seconds: 10).found)
        // A replay has no live to return to: `k` says why signals are off, not "Esc returns to live".
        replay.send("Down k")
        let (refused, refusal) = await replay.waitFor(["read-only: signals are off (a replay)"], seconds: 10)
        #expect(refused && !refusal.contains("Esc returns to live"), "\(refusal)")
        // The replay's --from takes a time counted back, written as the README writes it.
        let back = TmuxSession(width: 120, height: 40, command: "exec \(Shell.quote(vitals)) replay --data-dir \(Shell.quote(state + "/vitals")) --from -1s", stateHome: state)
        await #expect(back.waitFor([" PAST ", "replay of "], seconds: 10).found, "\(back.capture())")
        let missing = TmuxSession(width: 120, height: 10, command: "\(Shell.quote(vitals)) replay --data-dir /nonexistent/dir; sleep 20", stateHome: state)
        await #expect(missing.waitFor(["no history to replay in /nonexistent/dir"], seconds: 10).found, "\(missing.capture())")
        let badStart = TmuxSession(width: 120, height: 10, command: "\(Shell.quote(vitals)) replay --data-dir \(Shell.quote(state + "/vitals")) --from nope; sleep 20", stateHome: state)
        await #expect(badStart.waitFor(["cannot start the replay at \"nope\""], seconds: 10).found, "\(badStart.capture())")
    }
}
