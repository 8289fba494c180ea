import Foundation
import Glibc
import Testing
import TestSupport
import VitalsConfig

/// Precedence across the four layers, the environment naming rule, secrets, `config init`.
@Suite struct ConfigLayerTests {
    @Test func flagsBeatEnvironmentBeatFileBeatDefaults() throws {
        try withFile("interval: 2s\ndashboard:\n  sort: memory\n  process_rows: 50\n") { path in
            let loader = ConfigLoader(
                environment: ["VITALS_DASHBOARD_SORT": "io", "VITALS_INTERVAL": "3s"], explicitPath: path,
                flags: ["interval": ("4s", "--interval")]
            )
            let config = try #require(loader.load().config)
            #expect(config.seconds("interval") == 4)
            #expect(config.origin(of: "interval") == .flag("--interval"))
            #expect(config.string("dashboard.sort") == "io")
            #expect(config.origin(of: "dashboard.sort") == .environment("VITALS_DASHBOARD_SORT"))
            #expect(config.int("dashboard.process_rows") == 50)
            #expect(config.origin(of: "dashboard.process_rows") == .file(path + ":4:17"))
            #expect(config.string("dashboard.theme") == "default")
            #expect(config.origin(of: "dashboard.theme") == .builtIn)
        }
    }

    @Test func everySettingHasAnEnvironmentNameByTheRule() throws {
        var names = Set<String>()
        for spec in ConfigSchema.settings {
            let name = spec.environmentName
            #expect(name == "VITALS_" + spec.path.uppercased().replacing(".", with: "_"))
            #expect(names.insert(name).inserted, "two settings share \(name)")
        }
        // And each one is read: a value for every scalar setting, through its variable.
        for spec in ConfigSchema.settings where spec.kind.isScalar {
            guard let value = spec.defaultValue else { continue }
            let loader = ConfigLoader(environment: [spec.environmentName: ConfigTemplate.yamlText(value)], fileExists: { _ in true })
            let config = try #require(loader.load().config, "\(spec.environmentName)")
            #expect(config.origin(of: spec.path) == .environment(spec.environmentName))
            #expect(config[spec.path] == value, "\(spec.path)")
        }
    }

    @Test func aBadEnvironmentValueIsNamedAndATypoWarned() {
        let (config, diagnostics) = ConfigLoader(environment: ["VITALS_INTERVAL": "fast", "VITALS_DASHBORD_THEME": "x"]).load()
        #expect(config == nil)
        #expect(diagnostics.map(\.description) == [
            "VITALS_DASHBORD_THEME: warning: not a vitals setting, ignored; did you mean VITALS_DASHBOARD_THEME?",
            "VITALS_INTERVAL: \"fast\" is not a duration (use a number and a unit: 500ms, 10s, 5m, 2h, 7d)",
        ])
    }

    @Test func aMissingExplicitFileIsAnErrorAndAMissingDefaultOneIsNot() {
        let explicit = ConfigLoader(environment: [:], explicitPath: "/nonexistent/vitals.yaml").load()
        #expect(explicit.config == nil)
        #expect(explicit.diagnostics.first?.description.hasPrefix("/nonexistent/vitals.yaml: cannot read") == true)
        let implicit = ConfigLoader(environment: ["HOME": "/nonexistent"]).load()
        #expect(implicit.config != nil && implicit.diagnostics.isEmpty)
    }

    @Test func showHidesARecordsSecretsToo() throws {
        try withFile("alerts:\n  notifiers:\n    - type: email\n      to: [a@example.com]\n      smarthost: smtp.example.com\n      auth_username: vitals\n      auth_password: hunter2\n    - type: webhook\n      url: https://hooks.example/T0K3N\n") { path in
            let config = try #require(ConfigLoader(environment: [:], explicitPath: path).load().config)
            let shown = ConfigReport.show(config)
            #expect(!shown.contains("hunter2") && !shown.contains("T0K3N"), "\(shown)")
            #expect(shown.contains("auth_password=(hidden)") && shown.contains("url=(hidden)") && shown.contains("auth_username=vitals"), "\(shown)")
        }
    }

    @Test func aSecretComesFromItsFileWithoutTheNewline() throws {
        try withFile("s3cret\n") { keyFile in
            let config = try #require(ConfigLoader(environment: ["VITALS_SERVER_API_KEY_FILE": keyFile]).load().config)
            #expect(try config.secret("server.api_key").get() == "s3cret")
            #expect(ConfigReport.show(config).contains("s3cret") == false, "show never prints a secret")
            // A flag giving the key directly hides the file given by a lower layer.
            let flagged = try #require(
                ConfigLoader(environment: ["VITALS_SERVER_API_KEY_FILE": keyFile], flags: ["server.api_key": ("other", "--api-key")]).load().config
            )
            #expect(try flagged.secret("server.api_key").get() == "other")
        }
    }

    @Test func configInitOutputPassesCheckAndEqualsTheDefaults() throws {
        try withFile(ConfigTemplate.text) { path in
            let (config, diagnostics) = ConfigLoader(environment: [:], explicitPath: path).load()
            #expect(diagnostics == [])
            let loaded = try #require(config)
            for spec in ConfigSchema.settings {
                #expect(loaded[spec.path] == spec.defaultValue, "\(spec.path)")
            }
        }
    }

    @Test func durationsAndSizes() {
        #expect(DurationText.parse("500ms") == 0.5)
        #expect(DurationText.parse("10s") == 10)
        #expect(DurationText.parse("5m") == 300)
        #expect(DurationText.parse("2h") == 7200)
        #expect(DurationText.parse("7d") == 604_800)
        #expect(DurationText.parse("1h30m") == 5400)
        #expect(DurationText.parse("2") == 2, "a bare number is seconds")
        for bad in ["5x", "", "m", "1.2.3s", "10 s", "-"] { #expect(DurationText.parse(bad) == nil, "\(bad)") }
        #expect(DurationText.format(0.5) == "500ms")
        #expect(DurationText.format(5400) == "1h30m")
        #expect(SizeText.parse("64MiB") == 64 << 20)
        #expect(SizeText.parse("1GB") == 1_000_000_000)
        #expect(SizeText.parse("512") == 512)
        #expect(SizeText.parse("64MB/s") == nil)
        #expect(SizeText.format(64 << 20) == "64MiB")
    }

    @Test func listenAddresses() {
        #expect(ListenAddress("127.0.0.1:19100")?.isLoopback == true)
        #expect(ListenAddress("[::1]:80")?.host == "::1")
        #expect(ListenAddress(":9000")?.host == "")
        #expect(ListenAddress("0.0.0.0:9000")?.isLoopback == false)
        for bad in ["localhost", "host:0", "host:99999", "::1:80", "[::1]80"] { #expect(ListenAddress(bad) == nil, "\(bad)") }
    }
}

@Suite struct ReadmeConfigTests {
    @Test func theDocsShowTheFileConfigInitWrites() throws {
        let readme = try #require(Fixtures.text(Fixtures.packageRoot + "/docs/CONFIGURATION.md"))
        let begin = try #require(readme.range(of: "<!-- default-config:begin -->\n```yaml\n"))
        let end = try #require(readme.range(of: "```\n<!-- default-config:end -->"))
        #expect(String(readme[begin.upperBound..<end.lowerBound]) == ConfigTemplate.text, "regenerate with `vitals config init --force FILE`")
    }
}
