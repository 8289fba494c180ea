@testable import Dashboard
import Pipeline
import Rendering
import SeriesStore
import TerminalBackend
import Testing
import VitalsCore

/// `vitals attach` inside the run loop: a remote feed's updates reach the store and the screen,
/// with no terminal and no network (a recording backend and an inbox filled by the test).
@Suite struct RemoteAttachLoopTests {
    static func tick(_ time: Double, busy: Double, processes: [TopProcess]? = nil) -> RemoteTick {
        RemoteTick(
            time: time,
            samples: [
                Sample(SeriesKey("vitals_cpu_utilization_ratio"), busy), Sample(SeriesKey("vitals_cpu_core_utilization_ratio", ["cpu": "0"]), busy),
                Sample(SeriesKey("node_memory_MemTotal_bytes"), 8 * 1_073_741_824), Sample(SeriesKey("node_memory_MemAvailable_bytes"), 6 * 1_073_741_824),
                Sample(SeriesKey("node_load1"), 0.5), Sample(SeriesKey("node_load5"), 0.25), Sample(SeriesKey("node_load15"), 0.125),
                Sample(SeriesKey("vitals_uptime_seconds"), 90_061),
            ],
            processes: processes
        )
    }

    static let postgres = TopProcess(pid: 4242, name: "postgres", user: "postgres", cpuPercent: 87.5, residentBytes: 1 << 30, ioBytesPerSecond: 0)

    func run(_ updates: [RemoteUpdate], keys: [[InputEvent]] = []) throws -> (RecordingBackend, ticks: Int) {
        let backend = RecordingBackend(width: 200, height: 50, input: [[]] + keys + [[.key(.character("q"))]])
        let wake = try WakePipe()
        let pipeline = TickPipeline(store: SeriesStore(retention: .standard(interval: 1)), history: nil)
        let inbox = RemoteInbox()
        let loop = RunLoop(
            backend: backend, view: DashboardView(), pipeline: pipeline, feed: AttachFeed(inbox: inbox, label: "http://db1:19100"), interval: 1, wake: wake
        )
        for update in updates { inbox.put(update) }
        wake.wake()
        _ = loop.run()
        return (backend, pipeline.read { $0.store.tickCount })
    }

    @Test func theRemoteHostsTicksAreItsPanes() throws {
        let now = DashboardApp.now()
        let (backend, ticks) = try run([
            .connected(host: "db1", interval: 1),
            .backfill((1...5).map { Self.tick(now - 7 + Double($0), busy: 0.1) }),
            .tick(Self.tick(now - 1, busy: 0.42, processes: [Self.postgres])),
        ])
        let screen = try #require(backend.frames.last).lines
        #expect(screen[0].hasPrefix(" REMOTE  db1  up 1d 01:01"), "\(screen[0])")
        #expect(screen[0].contains("attached to http://db1:19100"))
        let text = screen.joined(separator: "\n")
        #expect(text.contains(" 42%│"), "the newest tick's figure")
        #expect(text.contains("heaviest on db1"))
        #expect(text.contains("   4242 postgres    88%   13%   1.0G"))
        #expect(text.contains("6.0G/8.0G") || text.contains("2.0G/8.0G"), "memory from the remote's series")
        #expect(!text.contains("PAST"), "the remote's newest moment is live, not the past")
        #expect(ticks == 6, "the backfill's five ticks and the live one")
    }

    @Test func aDroppedLinkSaysSoAndAnOlderTickIsNotStored() throws {
        let now = DashboardApp.now()
        let (backend, ticks) = try run([
            .connected(host: "db1", interval: 1),
            .tick(Self.tick(now - 1, busy: 0.42, processes: [Self.postgres])),
            .backfill([Self.tick(now - 3, busy: 0.9)]),
            .disconnected(reason: "connection refused by db1:19100: is `vitals agent` running there?", retryAt: now + 5),
        ])
        let screen = try #require(backend.frames.last).lines
        #expect(screen[0].hasPrefix(" DISCONNECTED 0:00 · retry in 5 s  db1"), "\(screen[0])")
        #expect(screen[0].contains("! connection refused by db1:19100"))
        #expect(screen.joined().contains("none while disconnected"))
        #expect(!screen.joined().contains("postgres"), "the last tick's rows are not the host's now")
        #expect(ticks == 1, "the store only moves forward: a tick older than the newest is skipped")
    }

    @Test func theRemoteAgentsFiringAlertsAreTheBanner() throws {
        let now = DashboardApp.now()
        let (backend, _) = try run([
            .connected(host: "db1", interval: 1),
            .tick(Self.tick(now - 1, busy: 0.42)),
            .alerts([
                RemoteAlert(rule: "disk-full", severity: "critical", state: "firing", activeSince: now - 121),
                RemoteAlert(rule: "disk-full", severity: "warning", state: "firing", activeSince: now - 30),
                RemoteAlert(rule: "load-high", severity: "warning", state: "pending", activeSince: now - 10),
            ]),
        ])
        let text = try #require(backend.frames.last).lines.joined(separator: "\n")
        #expect(text.contains("CRITICAL disk-full"), "\(text.prefix(400))")
        #expect(!text.contains("load-high"), "pending is not in the banner")
    }

    @Test func signalsAreRefusedOnAnotherHost() throws {
        let now = DashboardApp.now()
        let (backend, _) = try run(
            [.connected(host: "db1", interval: 1), .tick(Self.tick(now - 1, busy: 0.42, processes: [Self.postgres]))],
            keys: [[.key(.down)], [.key(.character("k"))]]
        )
        #expect(backend.frames.last?.lines[0].contains("read-only: signals are off (another host's processes: vitals attach)") == true)
    }

    @Test func theLinksWordsAndClock() {
        var link = RemoteLinkState(label: "http://db1:19100")
        #expect(link.link(now: 100) == DashboardModel.RemoteLink(text: "CONNECTING", down: true))
        #expect(link.notice() == "connecting to http://db1:19100")
        #expect(link.liveTime(now: 100) == nil)
        link.down = nil
        link.lastTick = (remote: 50, local: 90)
        #expect(link.link(now: 100) == DashboardModel.RemoteLink(text: "REMOTE", down: false))
        #expect(link.liveTime(now: 100) == 50, "connected: the newest tick")
        link.down = RemoteLinkState.Down(since: 95, reason: "the stream closed", retryAt: 102.5)
        #expect(link.liveTime(now: 100) == 60, "down: the newest tick moved on by the local time since, so the gap shows")
        #expect(link.link(now: 100).text == "DISCONNECTED 0:05 · retry in 3 s")
        #expect(link.link(now: 103).text == "DISCONNECTED 0:08 · connecting")
        #expect(link.notice() == "the stream closed")
        #expect(RemoteLinkState.clock(3_725) == "1:02:05")
    }
}
