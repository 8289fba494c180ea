import Theming

/// Themes built into the binary, by name (`dashboard.theme: NAME`); anything else is a file path.
public enum ThemeCatalog {
    public static let names = ["default"]

    public static func builtIn(_ name: String) -> Theme? {
        name == "default" ? .default : nil
    }
}
