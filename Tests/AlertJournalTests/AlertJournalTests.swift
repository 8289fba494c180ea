import AlertJournal
import Alerting
import Foundation
import GRDB
import Glibc
import Testing
import TestSupport
import VitalsCore

/// The alerts file: every transition recorded, state restored across a restart, history filters,
/// a second process, a writer killed mid-transaction.
@Suite(.serialized) struct AlertJournalTests {
    let rule = AlertRule(name: "load-high", expr: try! AlertExprParser.parse("node_load1 > 4"), holdFor: 10, summary: "load {{ value }}")
    let t0 = 1_795_300_000.0

    /// Steps the engine over `script` (time, value or nil) and records each step.
    func run(_ script: [(Double, Double?)], journal: AlertJournal, state: AlertEngineState = AlertEngineState()) throws -> AlertEngineState {
        var state = state
        for (time, value) in script {
            let values = [value.map { [(key: SeriesKey("node_load1"), value: $0)] } ?? []]
            let step = AlertEngine.step(rules: [rule], values: values, previous: state, now: t0 + time, host: "box")
            state = step.state
            try journal.record(transitions: step.transitions, notifications: step.notifications, host: "box", now: t0 + time) { _ in ["hook"] }
        }
        return state
    }

    @Test func everyTransitionIsRecordedWithItsEpisode() throws {
        let dir = Fixtures.temporaryDirectory()
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        let journal = try AlertJournal.open(directory: dir, now: t0)
        _ = try run([(0, 5), (5, 3), (20, 6), (31, 6), (40, 1)], journal: journal)
        let records = try journal.history(AlertHistoryFilter())
        #expect(records.count == 2, "two episodes: the one that stopped pending and the one that fired")
        let fired = try #require(records.first)
        #expect(fired.instance.phase == .resolved)
        #expect(fired.instance.activeSince == t0 + 20)
        #expect(fired.instance.firedAt == t0 + 31)
        #expect(fired.instance.resolvedAt == t0 + 40)
        #expect(fired.notifiedAt == t0 + 31)
        #expect(fired.transitions.map { "\($0.from.rawValue)>\($0.to.rawValue)" } == ["inactive>pending", "pending>firing", "firing>resolved"])
        #expect(records[1].instance.phase == .inactive)
        #expect(try journal.history(AlertHistoryFilter(states: [.resolved])).count == 1)
        #expect(try journal.history(AlertHistoryFilter(rule: "other")).isEmpty)
        #expect(try journal.history(AlertHistoryFilter(since: t0 + 35)).count == 1)
        #expect(try journal.outboxCounts()["hook"]?.waiting == 2, "firing and resolved queued")
    }

    @Test func aRestartKeepsFiringAlertsSilencesAndCooldowns() throws {
        let dir = Fixtures.temporaryDirectory()
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        var before = AlertEngineState()
        do {
            let journal = try AlertJournal.open(directory: dir, now: t0)
            before = try run([(0, 5), (10, 5)], journal: journal)
            try journal.addSilence(AlertSilence(fingerprint: "abc", rule: "x", labels: "", from: t0, until: t0 + 3600))
        }
        let journal = try AlertJournal.open(directory: dir, now: t0 + 60)
        let restored = try journal.restoreState(now: t0 + 60)
        let instance = try #require(restored.instances.values.first)
        #expect(instance.phase == .firing)
        #expect(instance.activeSince == t0)
        #expect(instance.notified && instance.notifications == 1)
        #expect(restored.lastNotified == before.lastNotified)
        #expect(restored.silences.map(\.fingerprint) == ["abc"])
        // Resolving after the restart announces the resolution, once, and fires nothing anew.
        let after = AlertEngine.step(rules: [rule], values: [[(SeriesKey("node_load1"), 5)]], previous: restored, now: t0 + 61, host: "box")
        #expect(after.notifications.isEmpty)
        let resolved = AlertEngine.step(rules: [rule], values: [[(SeriesKey("node_load1"), 1)]], previous: after.state, now: t0 + 62, host: "box")
        #expect(resolved.notifications.map(\.status) == [.resolved])
    }

    @Test func aSecondProcessReadsAndRecordsNothing() throws {
        let dir = Fixtures.temporaryDirectory()
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        let writer = try AlertJournal.open(directory: dir, now: t0)
        _ = try run([(0, 5), (10, 5)], journal: writer)
        let reader = try AlertJournal.open(directory: dir, now: t0)
        #expect(!reader.isWriter)
        #expect(reader.notices.first?.contains("recorded by another vitals (pid") == true)
        _ = try run([(20, 1)], journal: reader)
        #expect(try reader.history(AlertHistoryFilter()).first?.instance.phase == .firing, "the reader wrote nothing")
        #expect(try AlertJournal.openForReading(directory: dir)?.history(AlertHistoryFilter()).count == 1)
        #expect(try AlertJournal.openForReading(directory: dir + "/none") == nil)
    }

    @Test func anUnusableFileIsMovedAsideNotOverwritten() throws {
        let dir = Fixtures.temporaryDirectory()
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        _ = Fixtures.write("this is not a database, but someone's notes", to: dir + "/alerts.sqlite")
        let journal = try AlertJournal.open(directory: dir, now: t0)
        #expect(journal.isWriter)
        #expect(journal.notices.first?.contains("moved to \(dir)/alerts.sqlite.unusable-") == true, "\(journal.notices)")
        #expect(Shell.run("cat \(dir)/alerts.sqlite.unusable-*").output == "this is not a database, but someone's notes")
    }

    @Test func pruningKeepsThirtyDays() throws {
        let dir = Fixtures.temporaryDirectory()
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        let journal = try AlertJournal.open(directory: dir, now: t0)
        _ = try run([(0, 5), (10, 5), (20, 1)], journal: journal)
        try journal.prune(now: t0 + 29 * 86_400)
        #expect(try journal.history(AlertHistoryFilter()).count == 1)
        try journal.prune(now: t0 + 31 * 86_400)
        #expect(try journal.history(AlertHistoryFilter()).isEmpty)
    }

    @Test func aWriterKilledMidTransactionLosesNothingCommitted() async throws {
        let dir = Fixtures.temporaryDirectory()
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        for round in 0..<3 {
            // `bench alerts --write-forever` flips eight alerts per step, one transaction each,
            // as fast as it can; it is killed with SIGKILL at an arbitrary moment.
            let pid = Shell.run("\(Shell.quote(BuiltProducts.vitals)) bench alerts --write-forever --data-dir \(Shell.quote(dir)) >/dev/null 2>&1 & echo $!")
                .output.trimmingCharacters(in: .whitespacesAndNewlines)
            await Shell.pause(0.3 + Double(round) * 0.15)
            #expect(Shell.run("kill -9 \(pid)").status == 0, "the writer was still running")
            _ = await Shell.waitUntil(seconds: 5) { Shell.run("kill -0 \(pid) 2>/dev/null").status != 0 }
            let journal = try AlertJournal.open(directory: dir, now: t0)
            #expect(journal.notices.isEmpty, "usable after a kill: \(journal.notices)")
            let database = try DatabaseQueue(path: dir + "/alerts.sqlite")
            try await database.read { db in
                #expect(try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok")
                // Each step is one transaction: transitions come in whole steps of eight, and every
                // notification has its outbox row.
                let transitions = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM transition") ?? 0
                #expect(transitions > 8)
                #expect(transitions % 8 == 0, "a half-written step: \(transitions)")
                let outbox = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") ?? 0
                #expect(outbox == transitions, "every firing and resolution queued with its transition")
            }
        }
    }
}
