@testable import AlertJournal
import Alerting
import Foundation
import Testing

/// The alerts file's JSON, written without Foundation: labels read back by our parser (including
/// what Foundation's encoder wrote in files of earlier versions), outbox messages by Foundation's
/// decoder on the delivery side.
@Suite struct AlertJournalJSONTests {
    static let hostile = ["alertname": "disk-full", "mountpoint": "/mnt/\"x\"\\y", "note": "line\nbreak\ttab \u{1b}[2J", "name": "名前 😀", "empty": ""]

    @Test func labelsRoundTripAndOldFilesStillRead() throws {
        let text = FlatJSONObject.encode(Self.hostile)
        #expect(FlatJSONObject.decode(text) == Self.hostile)
        #expect(text.hasPrefix("{\"alertname\":\"disk-full\",\"empty\":\"\","), "sorted keys")
        // As JSONEncoder (.sortedKeys) wrote them before: "\/" escapes and its own choices.
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let old = String(decoding: try encoder.encode(Self.hostile), as: UTF8.self)
        #expect(FlatJSONObject.decode(old) == Self.hostile, "\(old)")
        #expect(FlatJSONObject.decode(#"{"a":"\u00e9\ud83d\ude00","b" : "\/"}"#) == ["a": "é😀", "b": "/"])
        #expect(FlatJSONObject.decode("{}") == [:])
    }

    @Test(arguments: ["", "[]", "{", "{\"a\"}", "{\"a\":1}", "{\"a\":\"b\",}", "{\"a\":\"b\"} x", "{\"a\":\"\\q\"}", "{\"a\":\"\\ud83d\"}", "{\"a\":\"b"])
    func anythingElseIsNil(_ text: String) {
        #expect(FlatJSONObject.decode(text) == nil)
    }

    @Test func outboxMessagesDecodeWithFoundation() throws {
        var instance = AlertInstance(rule: "disk-full", labels: AlertLabels(Self.hostile), severity: .critical, phase: .firing, activeSince: 1_795_300_000.25, value: 0.97)
        instance.firedAt = 1_795_300_010
        let firing = AlertMessage(AlertNotification(status: .firing, instance: instance, summary: "disk \"/\" full", description: "d\n", time: 1_795_300_010), host: "db1")
        #expect(try JSONDecoder().decode(AlertMessage.self, from: Data(AlertMessageJSON.encode(firing).utf8)) == firing)
        instance.value = .nan
        instance.resolvedAt = 1_795_300_100
        let resolved = AlertMessage(AlertNotification(status: .resolved, instance: instance, summary: "", description: "", time: 1_795_300_100), host: "db1")
        let text = AlertMessageJSON.encode(resolved)
        #expect(!text.contains("\"value\""), "NaN is left out, as nil")
        var expected = resolved
        expected.value = nil
        #expect(try JSONDecoder().decode(AlertMessage.self, from: Data(text.utf8)) == expected)
    }
}
