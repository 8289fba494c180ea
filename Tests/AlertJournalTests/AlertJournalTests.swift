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

    @Test func theOutboxAsListedNewestFirstWithEachDeliverysState() throws {
        let dir = Fixtures.temporaryDirectory()
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        let journal = try AlertJournal.open(directory: dir, now: t0)
        // Two episodes an hour apart (the rule's cooldown), each firing and resolved: four
        // notifications for "hook".
        _ = try run([(0, 5), (10, 5), (20, 1), (3700, 5), (3710, 5), (3720, 1)], journal: journal)
        let due = try journal.due(notifier: "hook", now: t0 + 4000, limit: 10)
        #expect(due.count == 4)
        try journal.markDelivered(due[0].id, at: t0 + 11)
        try journal.markFailed(due[1].id, error: "HTTP 500 from hook", at: t0 + 21, retryAt: t0 + 81)
        try journal.markFailed(due[2].id, error: "connection refused", at: t0 + 3711, retryAt: nil)

        let all = try journal.outbox(limit: 10)
        #expect(all.map(\.state) == [.waiting, .givenUp, .retrying, .delivered], "newest first")
        #expect(all.map(\.status) == ["resolved", "firing", "resolved", "firing"])
        #expect(all.allSatisfy { $0.rule == "load-high" && $0.notifier == "hook" && $0.labels["alertname"] == "load-high" })
        #expect(all[0].attempts == 0 && all[0].lastError == nil && all[0].nextAttempt == t0 + 3720)
        #expect(all[1].givenUpAt == t0 + 3711 && all[1].lastError == "connection refused")
        #expect(all[2].attempts == 1 && all[2].nextAttempt == t0 + 81 && all[2].lastError == "HTTP 500 from hook")
        #expect(all[3].deliveredAt == t0 + 11 && all[3].queuedAt == t0 + 10)
        #expect(try journal.outbox(since: t0 + 100, limit: 10).count == 2)
        #expect(try journal.outbox(limit: 1).map(\.state) == [.waiting])
        #expect(try journal.outbox(rule: "other", limit: 10).isEmpty)
        #expect(try journal.outbox(rule: "load-high", limit: 10).count == 4)
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
