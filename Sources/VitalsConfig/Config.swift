/// The effective configuration: every setting's value and where it came from.
public struct Config: Sendable {
    public private(set) var settings: [String: ResolvedSetting]
    /// The file read, if any.
    public var filePath: String?

    public init(settings: [String: ResolvedSetting], filePath: String?) {
        self.settings = settings
        self.filePath = filePath
    }

    /// Built-in defaults only.
    public static let defaults = Config(
        settings: Dictionary(uniqueKeysWithValues: ConfigSchema.settings.compactMap { spec in
            spec.defaultValue.map { (spec.path, ResolvedSetting(value: $0, origin: .builtIn)) }
        }),
        filePath: nil
    )

    public subscript(_ path: String) -> SettingValue? { settings[path]?.value }
    public func origin(of path: String) -> SettingOrigin? { settings[path]?.origin }

    /// Puts `layer` over this configuration (a later layer wins per setting).
    public func overlaid(with layer: [String: ResolvedSetting]) -> Config {
        var out = self
        for (path, setting) in layer {
            out.settings[path] = setting
            // A secret given one way hides the other way given by a lower layer.
            if path.hasSuffix("_file") { out.settings[String(path.dropLast(5))] = nil }
            if ConfigSchema.specsByPath[path]?.isSecret == true { out.settings[path + "_file"] = nil }
        }
        return out
    }

    // Typed reads; the schema guarantees the kinds, so a mismatch is a programming error caught in tests.

    public func seconds(_ path: String) -> Double? {
        if case let .duration(s)? = self[path] { return s }
        return nil
    }

    public func bool(_ path: String) -> Bool {
        if case let .bool(b)? = self[path] { return b }
        return false
    }

    public func int(_ path: String) -> Int? {
        switch self[path] {
        case let .int(i)?: i
        case let .size(b)?: b
        default: nil
        }
    }

    public func double(_ path: String) -> Double? {
        switch self[path] {
        case let .double(d)?: d
        case let .int(i)?: Double(i)
        default: nil
        }
    }

    public func string(_ path: String) -> String? {
        if case let .string(s)? = self[path] { return s }
        return nil
    }

    public func list(_ path: String) -> [String] {
        if case let .list(items)? = self[path] { return items }
        return []
    }

    public func records(_ path: String) -> [ConfigRecord] {
        if case let .records(r)? = self[path] { return r }
        return []
    }

    /// A secret's value: given directly, or read from its `_file` (trailing newline dropped).
    public func secret(_ path: String) -> Result<String?, SettingProblem> {
        if let direct = string(path) { return .success(direct) }
        guard let file = string(path + "_file") else { return .success(nil) }
        return TextFile.read(file).map { text in
            var t = Substring(text)
            while let last = t.last, last == "\n" || last == "\r" { t = t.dropLast() }
            return String(t)
        }
    }

    /// Settings whose value differs from `other`'s and that only apply at start.
    public func restartOnlyChanges(from other: Config) -> [String] {
        ConfigSchema.specsByPath.values.filter { $0.needsRestart && self[$0.path] != other[$0.path] }.map(\.path).sorted()
    }
}
