/// A YAML document as the configuration reads it: scalars (with whether they were plain, so a
/// quoted `"null"` stays text), mappings in file order and sequences, each with its 1-based line
/// and column. Built by `YAMLComposer` from libyaml's events.
public struct YAMLNode: Sendable {
    public enum Kind: Sendable {
        case scalar(String, plain: Bool)
        case mapping([(key: YAMLNode, value: YAMLNode)])
        case sequence([YAMLNode])
    }

    public var kind: Kind
    public var line: Int
    public var column: Int

    /// The text of a scalar; nil for a mapping or a sequence.
    public var scalar: String? {
        if case let .scalar(text, _) = kind { return text }
        return nil
    }

    /// YAML's null: a plain empty scalar, `~` or `null`.
    public var isNull: Bool {
        guard case let .scalar(text, plain) = kind else { return false }
        return plain && (text.isEmpty || text == "~" || text == "null")
    }

    public var isMapping: Bool {
        if case .mapping = kind { return true }
        return false
    }
}
