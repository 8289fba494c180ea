/// One setting: its dotted path in the file, what it accepts, its default and its help text.
///
/// Its environment variable follows one rule: `VITALS_` and the path in capitals, with `.` and `-`
/// as `_` (`dashboard.theme` → `VITALS_DASHBOARD_THEME`).
public struct SettingSpec: Sendable {
    public var path: String
    public var kind: SettingKind
    public var defaultValue: SettingValue?
    public var help: String
    /// A secret (API key, webhook URL with a token): may be given as `<path>_file` instead, so it
    /// stays out of the file and out of `ps`.
    public var isSecret: Bool
    /// Takes effect at the next start, not on reload.
    public var needsRestart: Bool

    public init(
        _ path: String, _ kind: SettingKind, default defaultValue: SettingValue?, _ help: String,
        secret: Bool = false, needsRestart: Bool = false
    ) {
        self.path = path
        self.kind = kind
        self.defaultValue = defaultValue
        self.help = help
        isSecret = secret
        self.needsRestart = needsRestart
    }

    public var environmentName: String { Self.environmentName(for: path) }

    public static func environmentName(for path: String) -> String {
        "VITALS_" + String(path.uppercased().map { $0 == "." || $0 == "-" ? "_" : $0 })
    }

    /// The last path component (a record field's name).
    public var name: String { path.split(separator: ".").last.map(String.init) ?? path }
}
