/// One terminal cell: a grapheme and its style. The cell after a double-width grapheme is a
/// continuation (it draws nothing; the terminal fills it).
///
/// The grapheme is held in 32 bits: the value of its one Unicode scalar, which is nearly every cell,
/// or, with the high bit set, its number in `GraphemeTable` (a base with combining marks, an emoji
/// sequence). A cell is 16 bytes instead of the 32 that a `Character` made it; a 200x50 canvas is
/// 160 KB, and the run loop holds two.
public struct Cell: Hashable, Sendable {
    private var glyph: UInt32
    public var style: Style

    public init(_ symbol: Character = " ", style: Style = .plain) {
        glyph = Self.glyph(of: symbol)
        self.style = style
    }

    public var symbol: Character {
        get {
            if glyph & GraphemeTable.numberFlag != 0 { return GraphemeTable.shared.character(glyph) }
            return Character(Unicode.Scalar(glyph)!)
        }
        set { glyph = Self.glyph(of: newValue) }
    }

    /// Marks the right half of a wide character; never produced from text (the sanitiser removes NUL).
    public static let continuationSymbol: Character = "\u{0}"

    public var isContinuation: Bool { glyph == 0 }

    @inline(__always)
    static func glyph(of character: Character) -> UInt32 {
        let utf8 = character.utf8
        if utf8.count == 1 { return UInt32(utf8.first!) }
        var scalars = character.unicodeScalars.makeIterator()
        let first = scalars.next()!
        return scalars.next() == nil ? first.value : GraphemeTable.shared.number(for: character)
    }
}
