import Theming

/// What a setting accepts, and how its text is read (the same rules for the file, the environment
/// and flags).
public indirect enum SettingKind: Sendable {
    case bool
    case int(ClosedRange<Int>)
    case double(ClosedRange<Double>)
    case duration(ClosedRange<Double>)
    case size(ClosedRange<Int>)
    case string
    case choice([String])
    /// Strings; in the environment and on the command line, comma-separated.
    case list
    /// A list whose items must each be one of these.
    case choiceList([String])
    /// A readable file (secrets given as `*_file`).
    case readableFile
    /// A directory path (created when needed).
    case directory
    /// A built-in theme name or a theme file path.
    case theme
    /// `HOST:PORT`, `:PORT` or `[IPv6]:PORT`.
    case listenAddress
    /// A list of records with these fields (file only).
    case records([SettingSpec], required: [String])

    /// What the setting accepts, for messages and the commented default file.
    public var expectation: String {
        switch self {
        case .bool: "true or false"
        case let .int(r): "a whole number from \(r.lowerBound) to \(r.upperBound)"
        case let .double(r): "a number from \(r.lowerBound) to \(r.upperBound)"
        case let .duration(r): "a duration from \(DurationText.format(r.lowerBound)) to \(DurationText.format(r.upperBound)) (500ms, 10s, 5m, 2h, 7d)"
        case let .size(r): "a size from \(SizeText.format(r.lowerBound)) to \(SizeText.format(r.upperBound)) (512KiB, 64MiB)"
        case .string: "text"
        case let .choice(c): "one of " + c.joined(separator: ", ")
        case .list: "a list of names"
        case let .choiceList(c): "a list of " + c.joined(separator: ", ")
        case .readableFile: "the path of a readable file"
        case .directory: "a directory path"
        case .theme: "a theme name (" + ThemeCatalog.names.joined(separator: ", ") + ") or a theme file path"
        case .listenAddress: "HOST:PORT, :PORT or [IPv6]:PORT"
        case .records: "a list of items"
        }
    }

    /// Reads one scalar's text; the message says what was expected.
    public func parse(_ raw: String, fileExists: (String) -> Bool) -> Result<SettingValue, SettingProblem> {
        let text = raw.trimmingSpaces()
        switch self {
        case .bool:
            switch text.lowercased() {
            case "true": return .success(.bool(true))
            case "false": return .success(.bool(false))
            default: return .failure(SettingProblem("expected true or false, got \"\(raw)\""))
            }
        case let .int(range):
            guard let v = Int(text) else { return .failure(SettingProblem("expected a whole number, got \"\(raw)\"")) }
            guard range.contains(v) else { return .failure(SettingProblem("\(v) is out of range (\(range.lowerBound) to \(range.upperBound))")) }
            return .success(.int(v))
        case let .double(range):
            guard let v = Double(text), v.isFinite else { return .failure(SettingProblem("expected a number, got \"\(raw)\"")) }
            guard range.contains(v) else { return .failure(SettingProblem("\(text) is out of range (\(range.lowerBound) to \(range.upperBound))")) }
            return .success(.double(v))
        case let .duration(range):
            guard let v = DurationText.parse(text) else {
                return .failure(SettingProblem("\"\(raw)\" is not a duration (use a number and a unit: 500ms, 10s, 5m, 2h, 7d)"))
            }
            guard range.contains(v) else {
                return .failure(SettingProblem("\(text) is out of range (\(DurationText.format(range.lowerBound)) to \(DurationText.format(range.upperBound)))"))
            }
            return .success(.duration(v))
        case let .size(range):
            guard let v = SizeText.parse(text) else { return .failure(SettingProblem("\"\(raw)\" is not a size (use 512KiB, 64MiB, 1GiB)")) }
            guard range.contains(v) else {
                return .failure(SettingProblem("\(text) is out of range (\(SizeText.format(range.lowerBound)) to \(SizeText.format(range.upperBound)))"))
            }
            return .success(.size(v))
        case .string:
            return .success(.string(raw))
        case let .choice(choices):
            guard choices.contains(text) else {
                let hint = EditDistance.suggestion(for: text, among: choices).map { "; did you mean \"\($0)\"?" } ?? ""
                return .failure(SettingProblem("\"\(raw)\" is not one of \(choices.joined(separator: ", "))\(hint)"))
            }
            return .success(.string(text))
        case .list:
            return .success(.list(Self.items(text)))
        case let .choiceList(choices):
            let items = Self.items(text)
            for item in items where !choices.contains(item) {
                let hint = EditDistance.suggestion(for: item, among: choices).map { "; did you mean \"\($0)\"?" } ?? ""
                return .failure(SettingProblem("\"\(item)\" is not one of \(choices.joined(separator: ", "))\(hint)"))
            }
            return .success(.list(items))
        case .readableFile:
            guard !text.isEmpty else { return .failure(SettingProblem("expected a file path")) }
            guard fileExists(text) else { return .failure(SettingProblem("cannot read \(text)")) }
            return .success(.string(text))
        case .directory:
            return .success(.string(text))
        case .theme:
            if ThemeCatalog.names.contains(text) { return .success(.string(text)) }
            if text.contains("/") || text.hasSuffix(".theme") {
                guard fileExists(text) else { return .failure(SettingProblem("cannot read theme file \(text)")) }
                return .success(.string(text))
            }
            let hint = EditDistance.suggestion(for: text, among: ThemeCatalog.names).map { "; did you mean \"\($0)\"?" } ?? ""
            return .failure(SettingProblem("unknown theme \"\(text)\" (built in: \(ThemeCatalog.names.joined(separator: ", ")); or give a file path)\(hint)"))
        case .listenAddress:
            guard ListenAddress(text) != nil else { return .failure(SettingProblem("\"\(raw)\" is not HOST:PORT, :PORT or [IPv6]:PORT with a port from 1 to 65535")) }
            return .success(.string(text))
        case .records:
            return .failure(SettingProblem("expected a list of items here (this setting is set in the file only)"))
        }
    }

    /// `a, b,c` → ["a", "b", "c"]; YAML flow lists (`[a, b]`) too.
    static func items(_ text: String) -> [String] {
        var t = Substring(text)
        if t.first == "[", t.last == "]" { t = t.dropFirst().dropLast() }
        return t.split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
    }

    public var isScalar: Bool {
        if case .records = self { return false }
        return true
    }
}

/// What is wrong with one value; the caller adds where it was written.
public struct SettingProblem: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
