/// One terminal cell: a grapheme and its style. The cell after a double-width grapheme is a
/// continuation (it draws nothing; the terminal fills it).
///
/// The grapheme is held in 32 bits: the value of its one Unicode scalar, which is nearly every cell,
/// or, with the high bit set, its number in the canvas's `GraphemeTable` (a grapheme of more than
/// one scalar, which only a canvas can number: `Canvas.write` does). A cell is 16 bytes instead of
/// the 32 that a `Character` made it; a 200x50 canvas is 160 KB, and the run loop holds two.
public struct Cell: Hashable, Sendable {
    var glyph: UInt32
    public var style: Style

    /// A cell of one scalar (a grapheme of more shows as U+FFFD here: write text through the canvas).
    public init(_ symbol: Character = " ", style: Style = .plain) {
        glyph = Self.glyph(of: symbol)
        self.style = style
    }

    init(glyph: UInt32, style: Style) {
        self.glyph = glyph
        self.style = style
    }

    /// The cell's scalar; U+FFFD for a grapheme of more than one (ask the canvas: `Canvas.symbol(of:)`).
    public var symbol: Character {
        isNumbered ? "\u{FFFD}" : Character(Unicode.Scalar(glyph)!)
    }

    /// The glyph is a number in the canvas's grapheme table.
    var isNumbered: Bool { glyph & GraphemeTable.numberFlag != 0 }

    /// Marks the right half of a wide character; never produced from text (the sanitiser removes NUL).
    public static let continuationSymbol: Character = "\u{0}"

    public var isContinuation: Bool { glyph == 0 }

    /// The value of a one-scalar grapheme; nil for more than one.
    @inline(__always)
    static func scalarGlyph(of character: Character) -> UInt32? {
        let utf8 = character.utf8
        if utf8.count == 1 { return UInt32(utf8.first!) }
        var scalars = character.unicodeScalars.makeIterator()
        let first = scalars.next()!
        return scalars.next() == nil ? first.value : nil
    }

    static func glyph(of character: Character) -> UInt32 {
        scalarGlyph(of: character) ?? 0xFFFD
    }
}
