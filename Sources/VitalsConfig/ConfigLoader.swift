/// Finds the configuration file and lays the four layers over each other:
/// flags > environment > file > built-in defaults.
public struct ConfigLoader: Sendable {
    /// Environment variables that are not settings but are known (not reported as typos).
    static let otherVariables: Set<String> = ["VITALS_CONFIG", "VITALS_UPDATE_GOLDEN"]

    public var environment: [String: String]
    /// `--config PATH` (else `VITALS_CONFIG`, else the XDG locations).
    public var explicitPath: String?
    /// Values given as flags: setting path → (text, flag name).
    public var flags: [String: (text: String, flag: String)]
    public var fileExists: @Sendable (String) -> Bool

    public init(
        environment: [String: String], explicitPath: String? = nil, flags: [String: (text: String, flag: String)] = [:],
        fileExists: @escaping @Sendable (String) -> Bool = TextFile.isReadable
    ) {
        self.environment = environment
        self.explicitPath = explicitPath
        self.flags = flags
        self.fileExists = fileExists
    }

    /// The file to read: `--config`, `VITALS_CONFIG`, `$XDG_CONFIG_HOME/vitals/config.yaml`,
    /// `~/.config/vitals/config.yaml`; the first two must exist, the others are used if they do.
    public var path: (path: String, required: Bool)? {
        if let explicitPath { return (explicitPath, true) }
        if let env = environment["VITALS_CONFIG"], !env.isEmpty { return (env, true) }
        if let defaultPath = Self.defaultPath(environment: environment), fileExists(defaultPath) { return (defaultPath, false) }
        return nil
    }

    /// Where `config init` writes and where vitals looks when no path is given.
    public static func defaultPath(environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg + "/vitals/config.yaml" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.config/vitals/config.yaml" }
        return nil
    }

    /// The largest configuration file read: 1 MiB (a full one is a few KB). Reading is linear, about
    /// 0.16 s a MB in a release build, so `R` never holds the screen longer than that.
    public static let maxFileBytes = 1 << 20

    /// The effective configuration and every problem found; the configuration is nil when any
    /// problem is an error.
    public func load() -> (config: Config?, diagnostics: [ConfigDiagnostic]) {
        let (config, diagnostics) = loadEvenWithErrors()
        return (diagnostics.contains { $0.severity == .error } ? nil : config, diagnostics)
    }

    /// What the layers give, with each invalid value left out: for `config check`, which goes on
    /// to check what is left (a rule's expression beside its misspelt duration) so that one run
    /// reports every problem. Never run with this: it is not what the file says.
    public func loadEvenWithErrors() -> (config: Config, diagnostics: [ConfigDiagnostic]) {
        var diagnostics: [ConfigDiagnostic] = []
        var config = Config.defaults
        if let (path, required) = self.path {
            switch TextFile.read(path, limit: Self.maxFileBytes) {
            case let .success(text):
                let parsed = ConfigFileParser.parse(text, file: path, fileExists: fileExists)
                diagnostics += parsed.diagnostics
                config = config.overlaid(with: parsed.values)
                config.filePath = path
            case let .failure(problem):
                if required || fileExists(path) { diagnostics.append(ConfigDiagnostic(place: path, message: problem.message)) }
            }
        }
        let (envValues, envDiagnostics) = environmentLayer()
        diagnostics += envDiagnostics
        config = config.overlaid(with: envValues)
        let (flagValues, flagDiagnostics) = flagLayer()
        diagnostics += flagDiagnostics
        config = config.overlaid(with: flagValues)
        return (config, diagnostics)
    }

    /// `VITALS_<PATH>` for every scalar setting, by the one naming rule.
    func environmentLayer() -> ([String: ResolvedSetting], [ConfigDiagnostic]) {
        var values: [String: ResolvedSetting] = [:]
        var diagnostics: [ConfigDiagnostic] = []
        var known: [String: SettingSpec] = [:]
        for spec in ConfigSchema.specsByPath.values where spec.kind.isScalar { known[spec.environmentName] = spec }
        for (name, text) in environment where name.hasPrefix("VITALS_") {
            guard let spec = known[name] else {
                guard !Self.otherVariables.contains(name) else { continue }
                let hint = EditDistance.suggestion(for: name, among: known.keys.sorted()).map { "; did you mean \($0)?" } ?? ""
                diagnostics.append(ConfigDiagnostic(place: name, message: "not a vitals setting, ignored\(hint)", severity: .warning))
                continue
            }
            switch spec.kind.parse(text, fileExists: fileExists) {
            case let .success(value): values[spec.path] = ResolvedSetting(value: value, origin: .environment(name))
            case let .failure(problem): diagnostics.append(ConfigDiagnostic(place: name, message: problem.message))
            }
        }
        return (values, diagnostics.sorted { $0.place < $1.place })
    }

    func flagLayer() -> ([String: ResolvedSetting], [ConfigDiagnostic]) {
        var values: [String: ResolvedSetting] = [:]
        var diagnostics: [ConfigDiagnostic] = []
        for (path, given) in flags {
            guard let spec = ConfigSchema.specsByPath[path] else {
                diagnostics.append(ConfigDiagnostic(place: given.flag, message: "no setting \(path) (a bug in vitals)"))
                continue
            }
            switch spec.kind.parse(given.text, fileExists: fileExists) {
            case let .success(value): values[path] = ResolvedSetting(value: value, origin: .flag(given.flag))
            case let .failure(problem): diagnostics.append(ConfigDiagnostic(place: given.flag, message: problem.message))
            }
        }
        return (values, diagnostics.sorted { $0.place < $1.place })
    }
}
