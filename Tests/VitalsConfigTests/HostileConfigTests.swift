import TestSupport
import Testing
import VitalsConfig

/// Files that are wrong on purpose or by accident: every problem still reported, nothing in them
/// reaching the terminal raw, bounded work, and API keys that are keys.
@Suite struct HostileConfigTests {
    func check(_ text: String) -> [String] {
        ConfigFileParser.parse(text, file: "e.yaml", fileExists: { _ in true }).diagnostics.map(\.description)
    }

    @Test func aKeyGivenTwiceHidesNoOtherProblem() {
        let problems = check("interval: 5x\ninterval: 2s\ndashboard:\n  theme: nosuch\n")
        #expect(problems.contains("e.yaml:2:1: \"interval\" is given twice"), "\(problems)")
        #expect(problems.contains { $0.hasPrefix("e.yaml:1:11: interval:") }, "the first value is still checked: \(problems)")
        #expect(problems.contains { $0.hasPrefix("e.yaml:4:10: dashboard.theme:") }, "\(problems)")
        #expect(problems.count == 3)
    }

    @Test func aFileOverOneMebibyteIsRefused() {
        withFile("# " + String(repeating: "x", count: 1 << 20) + "\ninterval: 2s\n") { path in
            let (config, diagnostics) = ConfigLoader(environment: [:], explicitPath: path).load()
            #expect(config == nil)
            #expect(diagnostics.map(\.description) == ["\(path): \(path) is larger than 1 MiB"], "\(diagnostics)")
        }
    }

    @Test func aRepeatedKeyKeepsItsFirstValue() throws {
        let result = ConfigFileParser.parse("interval: 3s\ninterval: 2s\n", file: "e.yaml", fileExists: { _ in true })
        #expect(result.values["interval"]?.value == .duration(3))
    }

    @Test func escapeSequencesInAFileAreShownNotSent() {
        // YAML's double-quoted escapes: \e is ESC and \a is BEL (libyaml refuses them raw).
        let esc = "\\e]0;PWNED\\a"
        let problems = check("dashboard:\n  theme: \"\(esc)\"\n  \"\(esc)x\": 1\n")
        #expect(problems.count == 2)
        for problem in problems {
            #expect(!problem.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "\(problem)")
            #expect(problem.contains("␛]0;PWNED␇"), "\(problem)")
        }
    }

    @Test func deepNestingAndAliasBombsAreRefusedWithAMessage() {
        let deep = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(check("a: \(deep)\n") == ["e.yaml:1:\(4 + YAMLComposer.maxDepth - 1): refused: nesting deeper than 64 levels"])
        // Each level repeats the one before nine times: 9^9 nodes from a 300-byte file.
        var bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            let previous = Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ")
            bomb += "a\(level): &a\(level) [\(previous)]\n"
        }
        let problems = check(bomb)
        #expect(problems.count == 1 && problems[0].contains("refused: more than 1000000 values"), "\(problems)")
    }

    /// 80,000 keys (about 1.9 MB) are read to the end: the first problems are listed, the rest
    /// counted, and a good setting after them still applies. (Time: scripts/config-bench.sh.)
    @Test func eightyThousandKeysAreAllRead() {
        var text = "dashboard:\n"
        for i in 0..<80_000 { text += "  unknown_setting_\(i): \(i)\n" }
        text += "interval: 3s\n"
        let result = ConfigFileParser.parse(text, file: "e.yaml", fileExists: { _ in true })
        #expect(result.diagnostics.count == ConfigFileParser.maxProblems + 1)
        #expect(result.diagnostics.first?.description.hasPrefix("e.yaml:2:3: unknown setting \"unknown_setting_0\" in dashboard") == true)
        #expect(result.diagnostics.last?.description == "e.yaml: 79800 more problems not listed (the first 200 are above)")
        #expect(result.values["interval"]?.value == .duration(3))
    }

    @Test(arguments: [
        ("   \n", "holds no key"),
        ("short\n", "the key is 5 characters; at least 16 are needed; make one with `openssl rand -hex 32`"),
        ("0123456789abcdef 0123\n", "a space, a control character or a non-ASCII character"),
        ("0123456789ab\u{1B}cdef\n", "a space, a control character or a non-ASCII character"),
    ])
    func weakKeysAreRefused(_ file: String, _ message: String) throws {
        try withFile(file) { path in
            let config = try #require(ConfigLoader(environment: ["VITALS_SERVER_API_KEY_FILE": path]).load().config)
            switch config.apiKey() {
            case .success: Issue.record("accepted \(file.debugDescription)")
            case let .failure(problem):
                #expect(problem.message.hasPrefix("server.api_key_file (\(path))"), "\(problem.message)")
                #expect(problem.message.contains(message), "\(problem.message)")
            }
        }
    }

    @Test func aKeyFileIsTrimmedOfCRLFAndBlanks() throws {
        try withFile("  0123456789abcdef0123\r\n\r\n") { path in
            let config = try #require(ConfigLoader(environment: ["VITALS_SERVER_API_KEY_FILE": path]).load().config)
            #expect(try config.apiKey().get() == "0123456789abcdef0123")
        }
        let none = try #require(ConfigLoader(environment: [:]).load().config)
        #expect(try none.apiKey().get() == nil)
    }
}
