/// A complete palette: every role has a colour (roles a file leaves out keep the default's).
public struct Theme: Sendable, Equatable {
    public var name: String
    private var colors: [ThemeRole: Color]

    public init(name: String, colors: [ThemeRole: Color]) {
        self.name = name
        self.colors = colors
    }

    public subscript(_ role: ThemeRole) -> Color {
        get { colors[role] ?? .terminalDefault }
        set { colors[role] = newValue }
    }

    /// The colour at `fraction` (0…1) along a three-stop gradient.
    public func gradient(_ gradient: ThemeGradient, at fraction: Double) -> Color {
        let (start, mid, end) = gradient.stops
        let f = fraction.isFinite ? min(max(fraction, 0), 1) : 0
        return f <= 0.5 ? Color.blend(self[start], self[mid], f * 2) : Color.blend(self[mid], self[end], (f - 0.5) * 2)
    }

    /// The compiled-in default theme (the same text as `themes/default.theme`).
    public static let `default`: Theme = ThemeParser.parse(BuiltInThemeTexts.texts[0].text, name: "default", base: nil).theme

    /// Names of the themes compiled in (`themes/*.theme`), the default first.
    public static let builtInNames: [String] = BuiltInThemeTexts.texts.map(\.name)

    /// A compiled-in theme by name.
    public static func builtIn(_ name: String) -> Theme? {
        if name == "default" { return .default }
        guard let text = BuiltInThemeTexts.texts.first(where: { $0.name == name })?.text else { return nil }
        return ThemeParser.parse(text, name: name, base: nil).theme
    }
}
