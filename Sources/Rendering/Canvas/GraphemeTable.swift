import Synchronization

/// The graphemes of more than one Unicode scalar that cells have held, by number, for the life of
/// the process (`Cell` keeps a number, not the `Character`).
///
/// At most `capacity` of them (4,096 for the cells'): process names and mount points are anyone's to choose, so a host
/// that keeps inventing new combining sequences must not grow this table without end. Past the
/// limit, a new grapheme shows as U+FFFD (�), as the sanitiser shows other unprintable text.
public final class GraphemeTable: Sendable {
    public static let shared = GraphemeTable(capacity: 4096)
    public let capacity: Int
    static let numberFlag: UInt32 = 0x8000_0000

    private struct State {
        var characters: [Character] = []
        var numbers: [Character: UInt32] = [:]
    }

    private let state = Mutex(State())

    public init(capacity: Int) {
        self.capacity = capacity
    }

    /// The cell value for `character` (which has more than one scalar).
    func number(for character: Character) -> UInt32 {
        state.withLock { state in
            if let known = state.numbers[character] { return known }
            guard state.characters.count < capacity else { return 0xFFFD }
            let number = Self.numberFlag | UInt32(state.characters.count)
            state.characters.append(character)
            state.numbers[character] = number
            return number
        }
    }

    func character(_ number: UInt32) -> Character {
        state.withLock { $0.characters[Int(number & ~Self.numberFlag)] }
    }

    /// Graphemes held so far.
    public var count: Int { state.withLock { $0.characters.count } }
}
