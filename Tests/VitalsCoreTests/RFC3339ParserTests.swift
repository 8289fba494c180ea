import VitalsCore
import Testing

@Suite struct RFC3339ParserTests {
    @Test func theAgentsFormsAndOffsets() {
        #expect(RFC3339Parser.parse("2026-11-21T22:26:40Z") == 1_795_300_000)
        #expect(RFC3339Parser.parse("2026-11-21T22:26:40.250Z") == 1_795_300_000.25)
        #expect(RFC3339Parser.parse("2026-11-21T23:26:40+01:00") == 1_795_300_000)
        #expect(RFC3339Parser.parse("2026-11-21T21:26:40-01:00") == 1_795_300_000)
        #expect(RFC3339Parser.parse("1970-01-01T00:00:00Z") == 0)
        #expect(RFC3339Parser.parse("2028-02-29T00:00:00Z") == 1_835_395_200, "a leap day")
    }

    @Test(arguments: ["", "2026-11-21", "2026-11-21 22:26:40Z", "2026-13-21T22:26:40Z", "2026-11-21T22:26:40", "2026-11-21T22:26:40.Z",
                      "2026-11-21T22:26:40Zjunk", "2026-11-21T25:26:40Z", "２０２６-11-21T22:26:40Z", "2026-11-21T22:26:40+0100",
                      "2026-02-31T00:00:00Z", "2025-02-29T00:00:00Z"])
    func anythingElseIsNil(_ text: String) {
        #expect(RFC3339Parser.parse(text) == nil)
    }
}

/// The container runtime's forms: nanoseconds, and its zero time.
@Suite struct EngineTimeFormTests {
    @Test func nanosecondsAndTheZeroTime() {
        #expect(RFC3339Parser.parse("2026-12-07T05:36:00.250000000Z") == 1_796_621_760.25)
        #expect((RFC3339Parser.parse("0001-01-01T00:00:00Z") ?? 0) < 0, "before the epoch: the runtime's never, which its readers drop")
    }
}
