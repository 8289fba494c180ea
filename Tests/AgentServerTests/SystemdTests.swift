@testable import AgentServer
import ContainerRuntime
import Glibc
import Logging
import TestSupport
import Testing
import VitalsCore

/// The sd_notify protocol against a datagram socket the test binds, the readiness state, and the
/// lines journald gets.
@Suite struct SystemdTests {
    @Test func theEnvironmentSaysWhereAndWhetherTheWatchdogIsOurs() {
        func notifier(_ env: [String: String], pid: Int32 = 42) -> SystemdNotifier? {
            SystemdNotifier.fromEnvironment({ env[$0] }, pid: pid)
        }
        #expect(notifier([:]) == nil)
        #expect(notifier(["NOTIFY_SOCKET": ""]) == nil)
        #expect(notifier(["NOTIFY_SOCKET": "relative/path"]) == nil)
        #expect(notifier(["NOTIFY_SOCKET": "/run/systemd/notify"])?.watchdogInterval == nil)
        #expect(notifier(["NOTIFY_SOCKET": "@abstract"])?.socketPath == "@abstract")
        #expect(notifier(["NOTIFY_SOCKET": "/n", "WATCHDOG_USEC": "30000000"])?.watchdogInterval == .seconds(15))
        #expect(notifier(["NOTIFY_SOCKET": "/n", "WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "42"])?.watchdogInterval == .seconds(15))
        #expect(notifier(["NOTIFY_SOCKET": "/n", "WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "7"])?.watchdogInterval == nil, "another process's")
        #expect(notifier(["NOTIFY_SOCKET": "/n", "WATCHDOG_USEC": "x"])?.watchdogInterval == nil)
        #expect(SystemdNotifier.message([("READY", "1"), ("STATUS", "a\nb\r\nc")]) == "READY=1\nSTATUS=a b  c")
    }

    @Test(arguments: [false, true])
    func aDatagramReachesTheSocket(abstract: Bool) throws {
        let name = "/tmp/vitals-notify-\(getpid())-\(abstract)"
        let receiver = try DatagramReceiver(path: name, abstract: abstract)
        let notifier = SystemdNotifier(socketPath: abstract ? "@" + name : name, watchdogInterval: nil)
        #expect(notifier.send([("READY", "1"), ("STATUS", "serving on 127.0.0.1:19100")]))
        #expect(receiver.receive() == "READY=1\nSTATUS=serving on 127.0.0.1:19100")
        #expect(!SystemdNotifier(socketPath: "/tmp/vitals-no-such-socket", watchdogInterval: nil).send([("READY", "1")]))
    }

    @Test func readyOnceListeningWithATickThenStatusOnChange() {
        var r = SystemdReadiness()
        #expect(r.watchdogDue(now: 0, staleAfter: 10), "fed while starting")
        var ok = CollectorHealth(name: "cpu")
        ok.lastSuccess = 1
        #expect(r.tick(health: [ok], now: 1).isEmpty, "not listening yet")
        let ready = r.listening(on: "127.0.0.1:19100")
        #expect(ready.map { "\($0.0)=\($0.1)" } == ["READY=1", "STATUS=serving on 127.0.0.1:19100"])
        #expect(r.tick(health: [ok], now: 2).isEmpty, "nothing new")
        var failing = CollectorHealth(name: "disk")
        failing.consecutiveFailures = 1
        failing.lastError = "cannot read /proc/diskstats"
        var absent = CollectorHealth(name: "containers")
        absent.consecutiveFailures = 5
        absent.lastError = EngineError.noSocket(["/var/run/docker.sock"]).description
        #expect(r.tick(health: [ok, failing, absent], now: 3).map { "\($0.0)=\($0.1)" } == ["STATUS=serving on 127.0.0.1:19100; collectors failing: disk"])
        #expect(r.tick(health: [ok, failing, absent], now: 4).isEmpty)
        #expect(r.tick(health: [ok, absent], now: 5).map(\.1) == ["serving on 127.0.0.1:19100"], "recovered")
        #expect(r.watchdogDue(now: 14, staleAfter: 10))
        #expect(!r.watchdogDue(now: 16, staleAfter: 10), "no tick for 11 s: the watchdog starves")
    }

    @Test func journalLinesCarryThePriorityAndNoTime() {
        #expect(JournalLogHandler.line(level: .info, message: "serving", metadata: [("address", "127.0.0.1:19100")]) == "<6>serving address=127.0.0.1:19100")
        #expect(JournalLogHandler.line(level: .warning, message: "collector failing", metadata: [("error", "x\ny"), ("collector", "disk")])
            == "<4>collector failing collector=disk error=x\\ny")
        #expect(JournalLogHandler.line(level: .error, message: "a\r\nb", metadata: []) == "<3>a\\r\\nb")
        #expect(JournalLogHandler.priority(.critical) == 2 && JournalLogHandler.priority(.debug) == 7 && JournalLogHandler.priority(.notice) == 5)
        #expect(!JournalLogHandler.ownsStandardError(nil))
        #expect(!JournalLogHandler.ownsStandardError("1:2"), "not stderr's device and inode")
        var s = stat()
        fstat(STDERR_FILENO, &s)
        #expect(JournalLogHandler.ownsStandardError("\(s.st_dev):\(s.st_ino)"))
    }
}

extension SystemdNotifier: Equatable {
    public static func == (a: SystemdNotifier, b: SystemdNotifier) -> Bool { a.socketPath == b.socketPath && a.watchdogInterval == b.watchdogInterval }
}
