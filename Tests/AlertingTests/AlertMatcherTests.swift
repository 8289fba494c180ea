import Alerting
import Testing

/// Silences' matchers: Alertmanager's text, each operator, and what a silence covers.
@Suite struct AlertMatcherTests {
    let labels = AlertLabels(["alertname": "load-high", "host": "db12", "severity": "warning"])

    @Test func theTextAndEachOperator() throws {
        let m = try AlertMatcherParser.parse(#"{alertname="load-high", host=~"db[0-9]+",severity!="critical", team!~".+"}"#)
        #expect(m.map(\.op) == [.equal, .matches, .notEqual, .doesNotMatch])
        #expect(m.allSatisfy { $0.matches(labels) })
        #expect(try AlertMatcherParser.parse(#"host=~"db1""#).first?.matches(labels) == false, "the whole value")
        #expect(try AlertMatcherParser.parse(#"x="a\"b\\c""#).first?.value == #"a"b\c"#)
        // Written as parsed.
        for matcher in m { #expect(try AlertMatcherParser.parse(matcher.text) == [matcher]) }
        #expect(try AlertMatcherParser.parse("").isEmpty)
    }

    @Test func groupsInAPatternAndOneMatcherOnManyThreads() async throws {
        // Compiled once, when parsed, then shared: the first matches on each thread race to the
        // lazily lowered program.
        let matcher = try #require(try AlertMatcherParser.parse(#"host=~"(db|web)[0-9]+""#).first)
        let hosts = ["db12", "web3", "db", "cache1"]
        let counts = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask { (0..<400).filter { matcher.matches(AlertLabels(["host": hosts[$0 % 4]])) }.count }
            }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(counts == Array(repeating: 200, count: 8))
        #expect(try AlertMatcherParser.parse(matcher.text) == [matcher], "equal by name, operator and text")
    }

    @Test(arguments: [#"host"#, #"host=db1"#, #"host="db1"#, #"host="a" team="b""#, #"1x="a""#, #"host=~"(""#, #"host=="a""#, #"="a""#])
    func badText(_ text: String) {
        #expect(throws: AlertMatcherError.self, "\(text)") { try AlertMatcherParser.parse(text) }
    }

    @Test func whatASilenceCovers() throws {
        let instance = AlertInstance(rule: "load-high", labels: labels, severity: .warning, phase: .firing, activeSince: 0, value: 5)
        let byMatchers = AlertSilence(fingerprint: "", rule: "", labels: "", from: 10, until: 20, matchers: try AlertMatcherParser.parse(#"host=~"db.*""#))
        #expect(byMatchers.covers(instance, at: 10) && !byMatchers.covers(instance, at: 20) && !byMatchers.covers(instance, at: 9))
        let other = AlertSilence(fingerprint: "", rule: "", labels: "", from: 10, until: 20, matchers: try AlertMatcherParser.parse(#"host="web1""#))
        #expect(!other.covers(instance, at: 15))
        let byFingerprint = AlertSilence(fingerprint: instance.fingerprint, rule: "", labels: "", from: 10, until: 20)
        #expect(byFingerprint.covers(instance, at: 15))
        #expect(!AlertSilence(fingerprint: "", rule: "", labels: "", from: 10, until: 20).covers(instance, at: 15), "no matchers: nothing")
        #expect(byMatchers.id.count == 16 && byMatchers.id != other.id)
    }
}
