import Glibc
import Testing
import TestSupport
import VitalsConfig

/// Every file in Fixtures/valid loads without a problem; every file in Fixtures/invalid gives
/// exactly the lines of its `.expected` file (PATH:LINE:COLUMN: message).
@Suite struct ConfigFixtureTests {
    static let root = Fixtures.packageRoot + "/Tests/VitalsConfigTests/Fixtures"

    static func files(_ folder: String, ext: String) -> [String] {
        Shell.run("ls \(Shell.quote(root + "/" + folder))").output.split(separator: "\n").map(String.init).filter { $0.hasSuffix(ext) }
    }

    /// Parses a fixture as vitals would, naming it by its file name (as `config check NAME` does in
    /// its folder), so the expected lines do not depend on where the repository is.
    static func diagnostics(_ folder: String, _ name: String) -> [String] {
        let text = Fixtures.text(root + "/" + folder + "/" + name) ?? ""
        let parsed = ConfigFileParser.parse(text, file: name) { path in
            TextFile.isReadable(path.hasPrefix("/") ? path : root + "/" + folder + "/" + path)
        }
        return parsed.diagnostics.map(\.description)
    }

    @Test func theFoldersAreNotEmpty() {
        #expect(Self.files("valid", ext: ".yaml").count >= 4)
        #expect(Self.files("invalid", ext: ".yaml").count >= 14)
    }

    @Test(arguments: files("valid", ext: ".yaml"))
    func validFilesHaveNoProblems(_ name: String) {
        #expect(Self.diagnostics("valid", name) == [])
    }

    @Test(arguments: files("invalid", ext: ".yaml"))
    func invalidFilesGiveTheirExactMessages(_ name: String) throws {
        let expectedFile = Self.root + "/invalid/" + name.dropLast(5) + ".expected"
        let expected = try #require(Fixtures.text(expectedFile), "\(name) needs a .expected file").split(separator: "\n").map(String.init)
        #expect(Self.diagnostics("invalid", name) == expected)
    }

    @Test func theAlertExampleReadsAsWritten() throws {
        let text = try #require(Fixtures.text(Self.root + "/valid/alerts-example.yaml"))
        let parsed = ConfigFileParser.parse(text, file: "x") { _ in true }
        let config = Config.defaults.overlaid(with: parsed.values)
        let rule = try #require(config.records("alerts.rules").first)
        #expect(rule["name"] == .string("load-high"))
        #expect(rule["expr"] == .string("node_load1 > 4"))
        #expect(rule["for"] == .duration(120))
        #expect(rule["severity"] == .string("warning"))
        #expect(rule["summary"] == .string("load {{ value }} on {{ host }}"))
        #expect(rule["cooldown"] == .duration(3600), "a default fills what the rule leaves out")
        #expect(rule.place == "x:4:7")
        #expect(config.records("alerts.notifiers").first?["url"] == .string("http://127.0.0.1:9999/hook"))
    }

    @Test func everythingFileSetsWhatItSays() throws {
        let text = try #require(Fixtures.text(Self.root + "/valid/everything.yaml"))
        let config = Config.defaults.overlaid(with: ConfigFileParser.parse(text, file: "e") { _ in true }.values)
        #expect(config.seconds("interval") == 0.5)
        #expect(config.list("collectors.skip_interfaces") == ["docker0", "virbr0"])
        #expect(config.list("collectors.skip_filesystem_types") == ["nfs", "cifs"])
        #expect(config.bool("collectors.sockets.enabled") == false)
        #expect(config.seconds("collectors.filesystem.interval") == 60)
        #expect(config.seconds("history.fifteen_minutes") == 90.0 * 86_400)
        #expect(config.list("dashboard.panes") == ["cpu", "memory", "processes"])
        #expect(config.int("server.max_request_bytes") == 1 << 20)
        #expect(config.string("server.listen") == "[::1]:19100")
        #expect(config.origin(of: "dashboard.sort") == .file("e:26:9"))
        #expect(config.origin(of: "server.api_key") == nil)
    }
}
