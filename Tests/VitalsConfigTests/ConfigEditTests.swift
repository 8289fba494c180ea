import Testing
import VitalsConfig

/// `ConfigEdit`: one setting changed, every other line as it was.
@Suite struct ConfigEditTests {
    func set(_ text: String) -> String {
        ConfigEdit.setting(section: "dashboard", key: "columns", flowList: ["pid", "cpu", "command"], in: text)
    }

    @Test func anEmptyFileGetsTheSection() {
        #expect(set("") == "dashboard:\n  columns: [pid, cpu, command]\n")
        #expect(set("interval: 2s") == "interval: 2s\ndashboard:\n  columns: [pid, cpu, command]\n")
    }

    @Test func theSectionKeepsItsIndentCommentsAndOtherKeys() {
        let text = "# mine\ndashboard:   # the screen\n    theme: nord  # dark\n\n    sort: memory\nalerts:\n  rules: []\n"
        #expect(set(text) == "# mine\ndashboard:   # the screen\n    columns: [pid, cpu, command]\n    theme: nord  # dark\n\n    sort: memory\nalerts:\n  rules: []\n")
    }

    @Test func anOldValueIsReplacedWholeInEitherListForm() {
        #expect(set("dashboard:\n  columns: [pid]\n  sort: cpu\n") == "dashboard:\n  columns: [pid, cpu, command]\n  sort: cpu\n")
        #expect(set("dashboard:\n  columns:\n    - pid\n    - user\n  sort: cpu\n") == "dashboard:\n  columns: [pid, cpu, command]\n  sort: cpu\n")
        #expect(set("dashboard:\n  columns:\n  - pid\n  - user\n") == "dashboard:\n  columns: [pid, cpu, command]\n")
    }

    @Test func theEditedFileReadsBackWithTheColumns() {
        let edited = set("dashboard:\n  theme: nord\n")
        let parsed = ConfigFileParser.parse(edited, file: "c.yaml") { _ in true }
        #expect(parsed.diagnostics.isEmpty)
        #expect(parsed.values["dashboard.columns"]?.value == .list(["pid", "cpu", "command"]))
        #expect(parsed.values["dashboard.theme"]?.value == .string("nord"))
    }
}
