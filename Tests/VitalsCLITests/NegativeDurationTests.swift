@testable import VitalsCLI
import Testing

/// A value that starts with `-` (a time counted back: `-2h`) is the option's value, written
/// either way, as the README writes it.
@Suite struct NegativeDurationTests {
    @Test(arguments: [["--from", "-2h"], ["--from=-2h"]])
    func replayFromTakesACountBack(_ arguments: [String]) throws {
        #expect(try ReplayCommand.parse(arguments).from == "-2h")
    }

    @Test func alertsSinceTakesACountBack() throws {
        #expect(try AlertsCommand.parse(["--since", "-90m"]).since == "-90m")
        #expect(AlertsCommand.parseTime("-90m", now: 10_000) == 4_600)
        #expect(AlertsCommand.parseTime("90m", now: 10_000) == 4_600)
    }
}
