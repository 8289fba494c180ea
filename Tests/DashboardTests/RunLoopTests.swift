import AlertDelivery
@testable import Dashboard
import Pipeline
import Rendering
import SeriesStore
import TerminalBackend
import Testing
import VitalsCore

@Suite struct RunLoopTests {
    func makeLoop(_ backend: RecordingBackend, mailbox: SnapshotMailbox, wake: WakePipe) -> RunLoop {
        RunLoop(
            backend: backend, view: DashboardView(), pipeline: TickPipeline(store: SeriesStore(capacity: 16), history: nil), feed: LiveFeed(mailbox: mailbox),
            interval: 1, wake: wake
        )
    }

    @Test func drawsSnapshotsAndQuitsOnQ() throws {
        let backend = RecordingBackend(width: 80, height: 24, input: [[], [.key(.character("q"))]])
        let mailbox = SnapshotMailbox()
        let wake = try WakePipe()
        var s = Snapshot(time: 0, host: HostInfo(hostname: "fixture-host"))
        s.memory = MemoryInfo(fields: [("MemTotal", 1 << 30), ("MemAvailable", 1 << 29)])
        mailbox.put(s)
        wake.wake()
        let loop = makeLoop(backend, mailbox: mailbox, wake: wake)
        #expect(loop.run() == .quitKey)
        #expect(backend.frames.count == 2, "the waiting frame, then the snapshot's")
        #expect(backend.frames.last?.lines[0].contains("fixture-host") == true)
        #expect(backend.frames.last?.lines.joined().contains("512M") == true)
    }

    @Test func resizeRedrawsAtTheNewSize() throws {
        let backend = RecordingBackend(width: 80, height: 24, input: [[.resize(width: 60, height: 40)], [.key(.character("q"))]])
        let wake = try WakePipe()
        wake.wake()
        let loop = makeLoop(backend, mailbox: SnapshotMailbox(), wake: wake)
        _ = loop.run()
        #expect(backend.frames.map(\.width) == [80, 60])
        #expect(backend.frames.last?.height == 40)
    }

    @Test func hangupEndsTheLoop() throws {
        let backend = RecordingBackend(width: 80, height: 24, input: [[.hangup]])
        let wake = try WakePipe()
        wake.wake()
        #expect(makeLoop(backend, mailbox: SnapshotMailbox(), wake: wake).run() == .hangup)
    }

    /// The first frame is drawn before the alert journal opens and collecting starts (both run in
    /// `afterFirstFrame`, once); what opening the alerts has to say is drawn at once after it.
    @Test func theFirstFrameComesBeforeAlertsOpenAndCollectingStarts() throws {
        let backend = RecordingBackend(width: 120, height: 30, input: [[], [.key(.character("q"))]])
        let wake = try WakePipe()
        wake.wake()
        let loop = makeLoop(backend, mailbox: SnapshotMailbox(), wake: wake)
        var framesBeforeHook: [Int] = []
        loop.afterFirstFrame = { [unowned loop] in
            framesBeforeHook.append(backend.frames.count)
            // A directory that cannot be made: the service says so in its notices.
            loop.pipeline.useAlerts(AlertService.open(configuration: AlertConfiguration(rules: [], notifiers: []), directory: "/proc/vitals-test/none", clock: { 0 }))
        }
        _ = loop.run()
        #expect(framesBeforeHook == [1], "once, after the first frame")
        try #require(backend.frames.count == 2, "the first frame, then one with the alerts' notice")
        #expect(backend.frames[0].lines.joined().contains("alerts not recorded") == false)
        #expect(backend.frames[1].lines.joined().contains("alerts not recorded"))
    }
}
