import Alerting
import Testing
@testable import VitalsCLI

/// `vitals alerts --silences`: who, what and why, with an API client's text made harmless.
@Suite struct SilenceTableTests {
    @Test func whoWhatAndWhyWithoutTerminalControl() throws {
        let matchers = try AlertMatcherParser.parse(#"alertname="disk-full",host=~"db.*""#)
        let byAPI = AlertSilence(fingerprint: "", rule: "disk-full", labels: "", from: 100, until: 7300, matchers: matchers, comment: "swap\u{1b}[2J disk", createdBy: "ann\u{7}")
        let byKey = AlertSilence(fingerprint: "abc", rule: "load-high", labels: "host=db1", from: 100, until: 120)
        let table = AlertsCommand.silenceTable([byAPI, byKey], now: 150)
        let lines = table.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("SILENCED UNTIL") && lines[0].hasSuffix("COVERS"))
        #expect(lines[1].contains("running") && lines[1].contains(#"alertname="disk-full",host=~"db.*""#) && lines[1].contains("disk)"), "\(lines[1])")
        #expect(lines[2].contains("ended") && lines[2].contains("load-high") && lines[2].hasSuffix("host=db1"), "\(lines[2])")
        #expect(!table.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "no control character: \(table.debugDescription)")
    }
}
