/// Where an effective value came from, for `vitals config show`.
public enum SettingOrigin: Sendable, Equatable, CustomStringConvertible {
    case builtIn
    /// `PATH:LINE:COLUMN`.
    case file(String)
    case environment(String)
    case flag(String)

    public var description: String {
        switch self {
        case .builtIn: "default"
        case let .file(place): place
        case let .environment(name): "environment " + name
        case let .flag(name): "flag " + name
        }
    }
}

/// A value and its origin.
public struct ResolvedSetting: Sendable, Equatable {
    public var value: SettingValue
    public var origin: SettingOrigin
}
