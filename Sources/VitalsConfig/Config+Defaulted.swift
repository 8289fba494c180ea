extension Config {
    /// Reads of settings that `ConfigSchema` gives a default: the value in effect, else that default,
    /// so every mode's options take their defaults from the schema alone. (The loader already
    /// starts from `Config.defaults`; a hand-built `Config` in a test may not.) Reading a setting
    /// that has no default here is a programming error: it stops with the path named, and the tests
    /// that build each mode's options run every such read.
    public struct Defaulted: Sendable {
        let config: Config

        public func seconds(_ path: String) -> Double {
            if let value = config.seconds(path) { return value }
            guard case let .duration(value)? = Self.schemaDefault(path) else { Self.noDefault(path) }
            return value
        }

        public func int(_ path: String) -> Int {
            if let value = config.int(path) { return value }
            switch Self.schemaDefault(path) {
            case let .int(value)?: return value
            case let .size(value)?: return value
            default: Self.noDefault(path)
            }
        }

        public func string(_ path: String) -> String {
            if let value = config.string(path) { return value }
            guard case let .string(value)? = Self.schemaDefault(path) else { Self.noDefault(path) }
            return value
        }

        static func schemaDefault(_ path: String) -> SettingValue? { ConfigSchema.specsByPath[path]?.defaultValue }

        static func noDefault(_ path: String) -> Never {
            preconditionFailure("\(path) has no default of that kind in ConfigSchema")
        }
    }

    public var defaulted: Defaulted { Defaulted(config: self) }
}
