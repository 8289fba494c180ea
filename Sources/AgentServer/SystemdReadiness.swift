import ContainerRuntime
import VitalsCore

/// What the agent tells systemd, as a pure state: `READY=1` once it both listens and has a first
/// tick (so `systemctl start` returns when /metrics answers with data), `STATUS=` lines that say
/// where it serves and which collectors fail, `WATCHDOG=1` while ticks keep coming, `STOPPING=1`.
struct SystemdReadiness: Sendable {
    private(set) var address: String?
    private(set) var ticked = false
    private(set) var ready = false
    private(set) var failing: [String] = []
    /// Monotonic seconds of the last tick.
    private(set) var lastTick: Double?

    /// The fields to send now, or none.
    mutating func listening(on address: String) -> [(String, String)] {
        self.address = address
        return readyIfDue()
    }

    /// A tick at `now` (monotonic seconds) with the collectors' health.
    mutating func tick(health: [CollectorHealth], now: Double) -> [(String, String)] {
        lastTick = now
        ticked = true
        let failing = health.filter { $0.lastRunFailed && !EngineError.isAbsentRuntime($0) }.map(\.name)
        if ready, failing != self.failing {
            self.failing = failing
            return [("STATUS", status)]
        }
        self.failing = failing
        return readyIfDue()
    }

    /// Whether the watchdog may be fed at `now`: a tick came within `staleAfter` seconds. A
    /// collection that hangs stops the pings, and systemd restarts the agent.
    func watchdogDue(now: Double, staleAfter: Double) -> Bool {
        guard let lastTick else { return !ticked }
        return now - lastTick <= staleAfter
    }

    var status: String {
        let serving = "serving on " + (address ?? "?")
        return failing.isEmpty ? serving : serving + "; collectors failing: " + failing.joined(separator: ", ")
    }

    private mutating func readyIfDue() -> [(String, String)] {
        guard !ready, ticked, address != nil else { return [] }
        ready = true
        return [("READY", "1"), ("STATUS", status)]
    }
}
