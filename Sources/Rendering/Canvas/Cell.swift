/// One terminal cell: a grapheme and its style. The cell after a double-width grapheme is a
/// continuation (it draws nothing; the terminal fills it).
public struct Cell: Hashable, Sendable {
    public var symbol: Character
    public var style: Style

    public init(_ symbol: Character = " ", style: Style = .plain) {
        self.symbol = symbol
        self.style = style
    }

    /// Marks the right half of a wide character; never produced from text (the sanitiser removes NUL).
    public static let continuationSymbol: Character = "\u{0}"

    public var isContinuation: Bool { symbol == Cell.continuationSymbol }
}
