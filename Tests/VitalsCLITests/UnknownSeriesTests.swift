@testable import VitalsCLI
import Testing
import VitalsConfig

/// A rule over a series this host does not record is named in a warning, with the closest name
/// it does record; a rule over a recorded one is not.
@Suite struct UnknownSeriesTests {
    @Test func aMisspelledSeriesIsAWarningWithTheClosestName() throws {
        let text = "alerts:\n  rules:\n    - name: typo\n      expr: node_lod1 > 4\n    - name: fine\n      expr: node_load1 > 4\n"
        let parsed = ConfigFileParser.parse(text, file: "c.yaml") { _ in true }
        let config = Config.defaults.overlaid(with: parsed.values)
        let warnings = UnknownSeries.warnings(config, recorded: ["node_load1", "node_load5"])
        try #require(warnings.count == 1)
        #expect(warnings[0].severity == .warning)
        #expect(warnings[0].description == "c.yaml:3:7: warning: rule typo: this host records no series named node_lod1, so the rule cannot fire here; did you mean node_load1?")
        #expect(UnknownSeries.warnings(config, recorded: ["node_lod1", "node_load1"]).isEmpty)
    }
}
