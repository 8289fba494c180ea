/// A regular expression compiled once and matched against whole values from any thread.
///
/// `@unchecked Sendable` because `Regex<AnyRegexOutput>` is not Sendable only for its output type
/// (captures may hold values of any type); the standard library makes `Regex<Output>` Sendable
/// whenever `Output` is, and its storage is the same for every output type: an immutable program,
/// compiled lazily behind an atomic. This type only asks whether the whole value matches and never
/// hands a match, or its captures, to anyone.
struct CompiledPattern: @unchecked Sendable {
    private let regex: Regex<AnyRegexOutput>

    init(_ pattern: String) throws {
        regex = try Regex(pattern)
    }

    func matchesWhole(_ value: String) -> Bool {
        (try? regex.wholeMatch(in: value)) != nil
    }
}
