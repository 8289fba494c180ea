/// The graphemes of more than one Unicode scalar (a base with combining marks, an emoji sequence)
/// drawn on one canvas, by number: a `Cell` keeps the number, not the `Character`. Each canvas has
/// its own, so no table outlives its frame or is shared between threads.
///
/// At most `capacity` of them: process names and mount points are anyone's to choose, and a frame
/// full of invented combining sequences must not grow without end. Past the limit a new grapheme
/// shows as U+FFFD (�), as the sanitiser shows other unprintable text.
public struct GraphemeTable: Equatable, Sendable {
    public let capacity: Int
    /// The high bit of a cell's glyph marks a number in the table.
    static let numberFlag: UInt32 = 0x8000_0000
    private var characters: [Character] = []
    private var numbers: [Character: UInt32] = [:]

    public init(capacity: Int) {
        self.capacity = capacity
    }

    /// The cell value for `character` (which has more than one scalar).
    mutating func number(for character: Character) -> UInt32 {
        if let known = numbers[character] { return known }
        guard characters.count < capacity else { return 0xFFFD }
        let number = Self.numberFlag | UInt32(characters.count)
        characters.append(character)
        numbers[character] = number
        return number
    }

    /// The grapheme numbered `number` (U+FFFD for a number this table never gave).
    func character(_ number: UInt32) -> Character {
        let index = Int(number & ~Self.numberFlag)
        return characters.indices.contains(index) ? characters[index] : "\u{FFFD}"
    }

    /// Graphemes held so far.
    public var count: Int { characters.count }

    public static func == (a: GraphemeTable, b: GraphemeTable) -> Bool { a.characters == b.characters }
}
