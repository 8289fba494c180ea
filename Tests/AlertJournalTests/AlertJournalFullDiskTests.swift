import AlertJournal
import Alerting
import Glibc
import Testing
import TestSupport
import VitalsCore

/// alerts.sqlite on a real 256 KiB tmpfs that fills while an alert fires: the step that could not
/// be written is written with the next one once there is room, so its notification is still queued
/// (once) and its transitions are in the history.
@Suite(.serialized, .enabled(if: geteuid() == 0, "needs root to mount a small tmpfs"))
struct AlertJournalFullDiskTests {
    let rule = AlertRule(name: "load-high", expr: try! AlertExprParser.parse("node_load1 > 4"), holdFor: 10, summary: "load {{ value }}")
    let t0 = 1_795_300_000.0

    func step(_ time: Double, _ value: Double, _ state: AlertEngineState) -> AlertEngine.Step {
        AlertEngine.step(rules: [rule], values: [[(key: SeriesKey("node_load1"), value: value)]], previous: state, now: t0 + time, host: "box")
    }

    @Test func aNotificationQueuedWhileTheDiskIsFullIsKeptAndWrittenLater() throws {
        let dir = Fixtures.temporaryDirectory()
        guard Shell.run("mount -t tmpfs -o size=256k tmpfs \(Shell.quote(dir))").status == 0 else {
            Issue.record("could not mount a tmpfs")
            return
        }
        defer { Shell.run("umount \(Shell.quote(dir)); rm -rf \(Shell.quote(dir))") }
        let journal = try AlertJournal.open(directory: dir, now: t0)
        var state = AlertEngineState()
        for (time, value) in [(0.0, 5.0), (5, 6)] {
            let s = step(time, value, state)
            state = s.state
            try journal.record(transitions: s.transitions, notifications: s.notifications, host: "box", now: t0 + time) { _ in ["hook"] }
        }
        Shell.run("dd if=/dev/zero of=\(Shell.quote(dir))/filler bs=4k 2>/dev/null")
        // Fires while the disk is full: the transition and its notification cannot be written.
        let firing = step(11, 7, state)
        state = firing.state
        #expect(firing.notifications.count == 1)
        #expect(throws: AlertJournalError.self) {
            try journal.record(transitions: firing.transitions, notifications: firing.notifications, host: "box", now: t0 + 11) { _ in ["hook"] }
        }
        #expect(journal.unrecordedSteps == 1)
        Shell.run("rm \(Shell.quote(dir))/filler")
        // The next step changes nothing, yet writes what waited.
        let quiet = step(12, 7, state)
        #expect(quiet.transitions.isEmpty && quiet.notifications.isEmpty)
        try journal.record(transitions: quiet.transitions, notifications: quiet.notifications, host: "box", now: t0 + 12) { _ in ["hook"] }
        #expect(journal.unrecordedSteps == 0)
        #expect(try journal.outboxCounts()["hook"]?.waiting == 1, "the firing notification, queued once")
        let record = try #require(try journal.history(AlertHistoryFilter()).first)
        #expect(record.instance.firedAt == t0 + 11)
        #expect(record.transitions.map { "\($0.from.rawValue)>\($0.to.rawValue)" } == ["inactive>pending", "pending>firing"])
    }
}
