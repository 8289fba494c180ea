import Testing
import VitalsConfig

/// Every mode reads its defaults from the schema: a configuration holding nothing gives, through
/// `defaulted`, exactly each setting's default.
@Suite struct DefaultedTests {
    @Test func anEmptyConfigurationReadsTheSchemasDefaults() {
        let empty = Config(settings: [:], filePath: nil)
        var read = 0
        for spec in ConfigSchema.settings {
            switch spec.defaultValue {
            case let .duration(value)?: #expect(empty.defaulted.seconds(spec.path) == value, "\(spec.path)"); read += 1
            case let .int(value)?, let .size(value)?: #expect(empty.defaulted.int(spec.path) == value, "\(spec.path)"); read += 1
            case let .string(value)?: #expect(empty.defaulted.string(spec.path) == value, "\(spec.path)"); read += 1
            default: continue
            }
        }
        #expect(read > 20)
    }

    @Test func aValueSetWinsOverTheDefault() throws {
        let config = try #require(ConfigLoader(environment: ["VITALS_INTERVAL": "2s"]).load().config)
        #expect(config.defaulted.seconds("interval") == 2)
    }
}
