import AlertJournal
import Testing
@testable import VitalsCLI

/// `vitals alerts --outbox`: each delivery's state and when, the error that stopped it made
/// harmless for the terminal, and the same as JSON.
@Suite struct OutboxListingTests {
    let records = [
        OutboxRecord(notifier: "pager", queuedAt: 1_795_300_120, attempts: 0, nextAttempt: 1_795_300_120, rule: "load-high", status: "resolved", labels: ["alertname": "load-high", "host": "db1"]),
        OutboxRecord(
            notifier: "slack", queuedAt: 1_795_300_110, attempts: 3, nextAttempt: 1_795_300_200, givenUpAt: 1_795_300_190,
            lastError: "HTTP 500\u{1b}[2J from hooks.slack.com", rule: "load-high", status: "firing"
        ),
        OutboxRecord(notifier: "pager", queuedAt: 1_795_300_010, attempts: 1, nextAttempt: 1_795_300_010, deliveredAt: 1_795_300_011, rule: "disk-full", status: "firing"),
    ]

    @Test func aTableWithTheStopsErrorWithoutTerminalControl() {
        let table = OutboxListing.table(records)
        let lines = table.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("QUEUED") && lines[0].hasSuffix("ERROR OR LABELS"))
        #expect(lines[1].contains("waiting") && lines[1].contains("resolved") && lines[1].hasSuffix("host=db1"), "\(lines[1])")
        #expect(lines[2].contains("given up") && lines[2].contains(" 3 ") && lines[2].contains("error: HTTP 500") && lines[2].hasSuffix("from hooks.slack.com"), "\(lines[2])")
        #expect(lines[3].contains("delivered") && lines[3].contains("disk-full"), "\(lines[3])")
        #expect(AlertsCommand.local(1_795_300_011).count == 19 && lines[3].contains(AlertsCommand.local(1_795_300_011)), "when it was delivered")
        #expect(!table.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "no control character: \(table.debugDescription)")
        #expect(OutboxListing.table([]) == "no notifications match\n")
    }

    @Test func jsonWithEachStatesTimes() {
        let json = OutboxListing.json(records)
        #expect(json.hasPrefix("[{\"attempts\":0,\"labels\":{\"alertname\":\"load-high\",\"host\":\"db1\"},\"nextAttemptAt\":\"2026-11-21T"), "\(json)")
        #expect(json.contains("\"givenUpAt\":") && json.contains("\"lastError\":\"HTTP 500\\u001b[2J from hooks.slack.com\""), "\(json)")
        #expect(json.contains("\"deliveredAt\":") && json.contains("\"state\":\"given up\"") && json.contains("\"state\":\"delivered\""))
        #expect(json.ranges(of: "nextAttemptAt").count == 1, "only a delivery still to come has a next attempt")
        #expect(json.hasSuffix("]\n"))
    }
}
