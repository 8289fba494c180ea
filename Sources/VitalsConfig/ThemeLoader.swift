import Theming

/// `dashboard.theme`: a built-in name or a btop-format file. A file with problems still loads (bad
/// lines keep the default's colours); its problems come back as `file:line: message` lines.
public enum ThemeLoader {
    public static func load(_ nameOrPath: String) -> Result<(Theme, [String]), SettingProblem> {
        if let theme = ThemeCatalog.builtIn(nameOrPath) { return .success((theme, [])) }
        return TextFile.read(nameOrPath, limit: 1 << 20).map { text in
            let (theme, diagnostics) = ThemeParser.parse(text, name: nameOrPath, file: nameOrPath)
            return (theme, diagnostics.map(\.description))
        }
    }
}
