@testable import AgentServer
import Alerting
import Dashboard
import Foundation
import RemoteAttach
import Testing
import VitalsCore

/// The agent's alerts, as it writes them, read back for the remote banner.
@Suite struct AlertsDecoderTests {
    static func instance(_ rule: String, _ severity: AlertSeverity, _ phase: AlertPhase, since: Double) -> AlertInstance {
        AlertInstance(
            rule: rule, labels: AlertLabels(["alertname": rule, "severity": severity.rawValue, "device": "sda"]), severity: severity, phase: phase,
            activeSince: since, value: 0.97
        )
    }

    @Test func theAgentsAlertsBecomeRemoteAlerts() throws {
        let body = AgentJSON.alerts(
            [Self.instance("disk-full", .critical, .firing, since: 1_795_300_000), Self.instance("load-high", .warning, .pending, since: 1_795_300_060)],
            rules: [], host: "db1"
        )
        let alerts = try AlertsDecoder.decode(Data(body.utf8))
        #expect(alerts == [
            RemoteAlert(rule: "disk-full", severity: "critical", state: "firing", activeSince: 1_795_300_000),
            RemoteAlert(rule: "load-high", severity: "warning", state: "pending", activeSince: 1_795_300_060),
        ])
        #expect(throws: AlertsDecoder.DecodeError.self) { try AlertsDecoder.decode(Data("{}".utf8)) }
    }

    @Test func aTickWithATransitionSaysTheAlertsChanged() throws {
        var s = Snapshot(time: 1_795_300_000, host: HostInfo(hostname: "db1"))
        s.load = LoadAverage(one: 9, five: 1, fifteen: 1, runnable: 1, total: 10)
        let transition = AlertTransition(time: s.time, instance: Self.instance("load-high", .warning, .firing, since: s.time), from: .pending, to: .firing)
        let changed = StreamMessages.tick(s, samples: s.samples(), transitions: [transition], health: [], source: "vitals@db1")
        let quiet = StreamMessages.tick(s, samples: s.samples(), transitions: [], health: [], source: "vitals@db1")
        guard case let .tick(_, alertsChanged) = try StreamFrameDecoder.decode(changed), case let .tick(_, none) = try StreamFrameDecoder.decode(quiet) else {
            Issue.record("not ticks")
            return
        }
        #expect(alertsChanged)
        #expect(!none)
    }
}
