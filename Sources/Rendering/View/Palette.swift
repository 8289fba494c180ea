import Theming

/// The styles the dashboard view draws with, derived once from a theme.
public struct Palette: Sendable {
    public var theme: Theme
    public var text: Style
    public var dim: Style
    public var highlight: Style
    public var title: Style
    public var graphText: Style
    public var track: Style
    public var header: Style
    public var warning: Style
    /// The selected process row.
    public var selected: Style

    public init(theme: Theme) {
        self.theme = theme
        let bg = theme[.mainBackground]
        text = Style(foreground: theme[.mainForeground], background: bg)
        dim = Style(foreground: theme[.inactive], background: bg)
        highlight = Style(foreground: theme[.highlight], background: bg, attributes: .bold)
        title = Style(foreground: theme[.title], background: bg, attributes: .bold)
        graphText = Style(foreground: theme[.graphText], background: bg)
        track = Style(foreground: theme[.meterBackground], background: bg)
        header = Style(foreground: theme[.title], background: bg, attributes: .bold)
        warning = Style(foreground: theme[.cpuEnd], background: bg, attributes: .bold)
        selected = Style(foreground: theme[.selectedForeground], background: theme[.selectedBackground], attributes: .bold)
    }

    /// The banner in a severity's colour: critical and warning on the theme's hot and warm ends.
    func banner(_ severity: DashboardModel.BannerAlert.Severity) -> Style {
        let role: ThemeRole = switch severity {
        case .critical: .cpuEnd
        case .warning: .cpuMid
        case .info: .highlight
        }
        return Style(foreground: theme[.selectedForeground], background: theme[role], attributes: .bold)
    }

    /// The border colour of a pane.
    public func border(_ pane: PaneID) -> Style {
        let role: ThemeRole = switch pane {
        case .cpu: .cpuBox
        case .memory, .disk: .memoryBox
        case .network: .networkBox
        case .processes: .processBox
        }
        return Style(foreground: theme[role], background: theme[.mainBackground])
    }

    /// A style along one of the theme's gradients (`fraction` 0…1).
    public func gradient(_ gradient: ThemeGradient, _ fraction: Double) -> Style {
        Style(foreground: theme.gradient(gradient, at: fraction), background: theme[.mainBackground])
    }
}
