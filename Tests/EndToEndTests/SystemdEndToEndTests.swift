import Foundation
import Glibc
import TestSupport
import Testing
import VitalsCore

/// The real agent as systemd runs it: told where to notify (a datagram socket the test binds) and
/// that the watchdog is on, with stderr held by "journald" (JOURNAL_STREAM naming its log file);
/// and the shipped unit file accepted by `systemd-analyze verify`.
@Suite(.serialized) struct SystemdEndToEndTests {
    static func next(_ receiver: DatagramReceiver) async -> String? {
        await withCheckedContinuation { continuation in
            // A thread of its own: Dispatch's global pool grows slowly when its threads block.
            BackgroundThread.run { continuation.resume(returning: receiver.receive()) }
        }
    }

    @Test func readyStatusWatchdogStoppingAndJournalLines() async throws {
        let dir = Fixtures.temporaryDirectory("vitals-systemd")
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        let receiver = try DatagramReceiver(path: dir + "/notify")
        let agent = AgentProcess()
        // Its stderr is this file (AgentProcess appends to it): made first, so journald's
        // DEVICE:INODE can name it.
        let log = agent.directory + "/agent.log"
        _ = Fixtures.write("", to: log)
        var s = stat()
        #expect(stat(log, &s) == 0)
        agent.environment = [("NOTIFY_SOCKET", receiver.notifySocket), ("WATCHDOG_USEC", "1000000"), ("JOURNAL_STREAM", "\(s.st_dev):\(s.st_ino)")]
        #expect(await agent.start(), "\(agent.log)")
        // From its start on: the datagrams wait in the socket meanwhile.
        let started = Shell.now()
        // The watchdog is fed from the start; READY comes once it listens and has read the host.
        // (A first attempt that lost its port to another test says STOPPING before AgentProcess
        // starts it again on another.)
        var ready: String?
        while ready == nil, Shell.now() - started < 20, let message = await Self.next(receiver) {
            if message.hasPrefix("READY") { ready = message } else { #expect(message == "WATCHDOG=1" || message == "STOPPING=1", "\(message)") }
        }
        #expect(ready == "READY=1\nSTATUS=serving on 127.0.0.1:\(agent.port)", "\(ready ?? "nothing")")
        // WATCHDOG_USEC=1 s: fed every half second while ticks come.
        var fed = 0
        let readyAt = Shell.now()
        while fed < 3, Shell.now() - readyAt < 10, let message = await Self.next(receiver) {
            if message == "WATCHDOG=1" { fed += 1 }
        }
        #expect(fed == 3, "three watchdog pings")
        let lines = agent.log.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("<6>serving address=") }, "\(lines)")
        #expect(lines.allSatisfy { $0.hasPrefix("<") }, "journald's priority prefix and no timestamp: \(lines)")
        let pid = try #require(agent.pid)
        kill(pid, SIGTERM)
        var stopping = false
        while !stopping, let message = await Self.next(receiver) { stopping = message == "STOPPING=1" }
        #expect(stopping)
    }

    @Test func theShippedUnitVerifies() throws {
        let dir = Fixtures.temporaryDirectory("vitals-unit")
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        // verify wants ExecStart's program to exist: the built agent beside the tests' vitals.
        let agent = String(BuiltProducts.vitals.dropLast("vitals".count)) + "vitals-agent"
        let unit = try #require(Fixtures.text(Fixtures.packageRoot + "/deploy/systemd/vitals-agent.service"))
        #expect(unit.contains("ExecStart=/usr/local/bin/vitals-agent agent"))
        #expect(unit.contains("Type=notify") && unit.contains("WatchdogSec="))
        _ = Fixtures.write(unit.replacingOccurrences(of: "/usr/local/bin/vitals-agent", with: agent), to: dir + "/vitals-agent.service")
        let verify = Shell.run("systemd-analyze verify \(Shell.quote(dir))/vitals-agent.service")
        #expect(verify.status == 0 && verify.output.isEmpty, "\(verify.output)")
    }
}
