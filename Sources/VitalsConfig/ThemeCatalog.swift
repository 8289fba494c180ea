import Theming

/// Themes built into the binary, by name (`dashboard.theme: NAME`); anything else is a file path.
public enum ThemeCatalog {
    public static let names = Theme.builtInNames

    public static func builtIn(_ name: String) -> Theme? {
        Theme.builtIn(name)
    }
}
