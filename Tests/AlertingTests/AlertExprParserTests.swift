import Alerting
import Foundation
import SeriesStore
import Testing

@Suite struct AlertExprParserTests {
    @Test func parsesTheIssueExample() throws {
        let expr = try AlertExprParser.parse("node_load1 > 4")
        #expect(expr.operand == .instant(.init(name: "node_load1")))
        #expect(expr.comparison == .greater)
        #expect(expr.threshold == 4)
        #expect(expr.lookback == 0)
    }

    @Test func parsesMatchersFunctionsAndEveryComparison() throws {
        let expr = try AlertExprParser.parse(#"avg(node_disk_io_time{device="sda", mode!='x'}[5m]) >= 0.5"#)
        guard case let .function(function, selector, window, horizon) = expr.operand else {
            Issue.record("not a function")
            return
        }
        #expect(function == .avg)
        #expect(selector.name == "node_disk_io_time")
        #expect(selector.matchers == [LabelMatcher("device", "sda"), LabelMatcher("mode", .notEqual, "x")])
        #expect(window == 300)
        #expect(horizon == nil)
        #expect(expr.lookback == 300)
        for op in AlertExpr.Comparison.allCases {
            #expect(try AlertExprParser.parse("x \(op.rawValue) -1.5e3").comparison == op)
            #expect(try AlertExprParser.parse("x \(op.rawValue) -1.5e3").threshold == -1500)
        }
    }

    @Test func parsesPredictAndPromQLSpellings() throws {
        let expr = try AlertExprParser.parse("predict(node_filesystem_avail_bytes[1h], 4h) < 0")
        #expect(expr.operand == .function(.predict, .init(name: "node_filesystem_avail_bytes"), window: 3600, horizon: 14_400))
        #expect(expr.description == "predict(node_filesystem_avail_bytes[1h], 4h) < 0")
        let promql = try AlertExprParser.parse("predict_linear(x[1h30m], 2d) < 0")
        #expect(promql.operand == .function(.predict, .init(name: "x"), window: 5400, horizon: 172_800))
        #expect(try AlertExprParser.parse("avg_over_time(x[30s])>1").operand == .function(.avg, .init(name: "x"), window: 30, horizon: nil))
        #expect(try AlertExprParser.parse("rate(x[500ms]) > 1_000").threshold == 1000)
        #expect(try AlertExprParser.parse("increase(x[1w]) > 0").lookback == 604_800)
    }

    @Test(arguments: [
        ("", 1, "empty expression"),
        ("node_load1", 11, "expected a comparison"),
        ("node_load1 >", 13, "expected a threshold"),
        ("node_load1 > four", 14, "expected a threshold number, found 'f'"),
        ("node_load1 = 4", 12, "use == to compare"),
        ("node_load1 > 4 extra", 16, "unexpected 'e'"),
        ("median(x[5m]) > 1", 1, "unknown function median"),
        ("avg(x) > 1", 6, "expected [window]"),
        ("avg(x[5]) > 1", 8, "a duration needs a unit"),
        ("avg(x[5m] > 1", 11, "expected ) to close"),
        ("predict(x[1h]) < 0", 14, "predict needs a horizon"),
        ("avg(x[5m], 4h) > 0", 12, "only predict takes a horizon"),
        (#"x{device=~"sd.*"} > 0"#, 9, "regular-expression matchers are not supported"),
        (#"x{device="sda} > 0"#, 10, "unterminated string"),
        ("x{device} > 0", 9, "expected = or != after device"),
        ("> 4", 1, "expected a series name"),
        ("avg(x[0s]) > 1", 9, "longer than 0"),
    ])
    func rejectsWithAPositionedMessage(text: String, column: Int, message: String) {
        #expect {
            _ = try AlertExprParser.parse(text)
        } throws: { error in
            guard let error = error as? AlertExprError else { return false }
            #expect(error.column == column, "\(text): \(error)")
            #expect(error.message.contains(message), "\(text): \(error)")
            return true
        }
    }

    @Test func everyDefaultRuleParses() {
        #expect(DefaultAlertRules.rules.count == 13)
        #expect(Set(DefaultAlertRules.rules.map(\.name)).count == 13)
    }
}

@Suite struct DefaultRulesDocumentationTests {
    @Test func theAlertsDocumentListsTheShippedRules() throws {
        let readme = try String(contentsOfFile: #filePath.replacingOccurrences(of: "/Tests/AlertingTests/AlertExprParserTests.swift", with: "/docs/ALERTS.md"), encoding: .utf8)
        #expect(readme.contains(DefaultAlertRules.markdownTable), "regenerate the table from DefaultAlertRules.markdownTable:\n\(DefaultAlertRules.markdownTable)")
    }
}
