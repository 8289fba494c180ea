import Testing
import TestSupport
import VitalsCore

/// Prometheus' text format as the textfile collector reads it: the fixtures, then hard cases.
@Suite struct PrometheusTextParserTests {
    static func fixture(_ name: String) -> String {
        Fixtures.text(Fixtures.packageRoot + "/Tests/CollectorsTests/Fixtures/textfile/" + name) ?? ""
    }

    @Test func theFixturesReadWithTheirTypes() throws {
        let parsed = try PrometheusTextParser.parse(Self.fixture("backup.prom")).get()
        #expect(parsed.samples.count == 8)
        let ok = try #require(parsed.samples.first { $0.key == SeriesKey("backup_runs_total", ["outcome": "ok"]) })
        #expect(ok.value == 412 && ok.kind == .counter)
        #expect(parsed.samples.first { $0.key.name == "backup_last_success_timestamp_seconds" }?.value == 1_796_601_600)
        #expect(parsed.samples.first { $0.key == SeriesKey("backup_duration_seconds_bucket", ["le": "+Inf"]) }?.value == 415)
        #expect(parsed.samples.filter { $0.key.name.hasPrefix("backup_duration") }.allSatisfy { $0.kind == .gauge })
        #expect(parsed.help["backup_runs_total"] == "Backup runs, by outcome.")
        let apt = try PrometheusTextParser.parse(Self.fixture("apt.prom")).get()
        #expect(apt.samples.first { $0.key.label("arch") == "amd64" }?.key.label("origin") == "Debian:bookworm-security/stable-security")
    }

    @Test func valuesEscapesAndSpacing() throws {
        let text = "a 1\n\n  b{x=\"q\\\"uote\\\\back\\nline\", y = \"2\" } -Inf\r\nc{} NaN\n# just a comment\nd 1e3\ne +Inf\n"
        let samples = try PrometheusTextParser.parse(text).get().samples
        #expect(samples.map(\.key.name) == ["a", "b", "c", "d", "e"])
        #expect(samples[1].key.label("x") == "q\"uote\\back\nline" && samples[1].key.label("y") == "2" && samples[1].value == -.infinity)
        #expect(samples[2].value.isNaN && samples[3].value == 1000 && samples[4].value == .infinity)
    }

    @Test(arguments: [
        ("a 1 1700000000000", "line 1: client-side timestamps are not supported (a)"),
        ("a 1\na 2", "line 2: a given twice"),
        ("9a 1", "line 1: expected a metric name"),
        ("a{b=1} 2", "line 1: expected a quoted value for b"),
        ("a{b=\"1\" 2", "line 1: expected , or } after b"),
        ("a{b=\"1\",b=\"2\"} 2", "line 1: label b given twice"),
        ("a{b=\"1} 2", "line 1: unterminated value of b"),
        ("a one", "line 1: \"one\" is not a number"),
        ("a", "line 1: a has no value"),
        ("# TYPE a gauge\n# TYPE a counter\na 1", "line 2: second TYPE line for a"),
        ("# TYPE a meter\na 1", "line 1: unknown type \"meter\" for a"),
        ("ä 1", "line 1: expected a metric name"),
        ("a{é=\"x\"} 1", "line 1: expected a label name in a"),
    ])
    func everyProblemNamesItsLine(text: String, expected: String) {
        guard case let .failure(problem) = PrometheusTextParser.parse(text) else {
            Issue.record("accepted: \(text)")
            return
        }
        #expect(problem.description == expected)
    }

    @Test func aFileOfTooManySamplesIsRefused() {
        let text = (0..<11).map { "a{i=\"\($0)\"} 1" }.joined(separator: "\n")
        guard case let .failure(problem) = PrometheusTextParser.parse(text, maxSamples: 10) else {
            Issue.record("accepted")
            return
        }
        #expect(problem.message == "more than 10 samples")
    }
}
