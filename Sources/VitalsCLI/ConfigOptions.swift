import ArgumentParser
import Dashboard
import VitalsConfig

/// `--config PATH`, shared by every command that reads the configuration.
public struct ConfigOptions: ParsableArguments {
    public init() {}

    @Option(name: .long, help: "Configuration file (default: $VITALS_CONFIG, $XDG_CONFIG_HOME/vitals/config.yaml, ~/.config/vitals/config.yaml).")
    var config: String?

    /// Loads every layer; prints each problem to stderr; exits 1 when any is an error.
    public func load(environment: [String: String], flags: [String: (text: String, flag: String)]) throws -> (Config, ConfigLoader) {
        try Self.load(path: config, environment: environment, flags: flags)
    }

    /// The same for a `--config` given as `path` (nil: the default places).
    static func load(path: String?, environment: [String: String], flags: [String: (text: String, flag: String)]) throws -> (Config, ConfigLoader) {
        let loader = ConfigLoader(environment: environment, explicitPath: path, flags: flags)
        let (config, diagnostics) = loader.load()
        for d in diagnostics { StandardError.line(d.description) }
        guard let config else { throw ExitCode(1) }
        return (config, loader)
    }
}

extension DashboardOptions {
    /// Options from `config`, loading its theme; theme file problems are printed, not fatal.
    public static func make(_ config: Config, environment: [String: String], printProblems: Bool) throws -> DashboardOptions {
        try DashboardOptions(config: config, environment: environment) { name in
            switch ThemeLoader.load(name) {
            case let .success((theme, problems)):
                if printProblems { for p in problems { StandardError.line("vitals: \(p)") } }
                return theme
            case let .failure(problem):
                throw ValidationError("dashboard.theme: \(problem.message)")
            }
        }
    }
}
