@testable import Rendering
import Testing

/// A cell keeps any grapheme in 32 bits and gives back the same one.
@Suite struct CellTests {
    @Test func cellsAreSixteenBytes() {
        #expect(MemoryLayout<Cell>.stride == 16)
    }

    @Test func everyKindOfGraphemeComesBack() {
        let graphemes: [Character] = [
            " ", "a", "~", "é", "\u{65}\u{301}", "│", "⣿", "█", "中", "😀", "👩‍👩‍👧", "🇫🇷", "\u{FFFD}", Cell.continuationSymbol,
        ]
        for grapheme in graphemes {
            let cell = Cell(grapheme)
            #expect(cell.symbol == grapheme)
            #expect(String(cell.symbol).unicodeScalars.elementsEqual(String(grapheme).unicodeScalars), "\(grapheme)")
        }
        var cell = Cell("x")
        cell.symbol = "👩‍👩‍👧"
        #expect(cell.symbol == "👩‍👩‍👧")
        #expect(Cell(Cell.continuationSymbol).isContinuation && !Cell(" ").isContinuation)
    }

    @Test func equalCellsAreEqualAndAManyScalarGraphemeIsNumberedOnce() {
        let a = Cell("🇯🇵"), b = Cell("🇯🇵")
        #expect(a == b && a.hashValue == b.hashValue)
        // Numbered once, in a table of this test's own: the shared one's count moves with every
        // test drawing beside this one (it failed that way once in a clean-clone run).
        let table = GraphemeTable(capacity: 16)
        let first = table.number(for: "🇯🇵")
        #expect(table.number(for: "🇯🇵") == first && table.count == 1)
        #expect(Cell("a") != Cell("b"))
        #expect(Cell("a", style: Style(attributes: .bold)) != Cell("a"))
    }

    @Test func aFullTableShowsNewGraphemesAsTheReplacementCharacter() {
        let table = GraphemeTable(capacity: 2)
        let first = table.number(for: "a\u{301}")
        let second = table.number(for: "e\u{301}")
        let third = table.number(for: "o\u{301}")
        #expect(table.character(first) == "a\u{301}" && table.character(second) == "e\u{301}")
        #expect(third == 0xFFFD)
        #expect(table.number(for: "a\u{301}") == first, "known ones keep their numbers")
        #expect(table.count == 2)
    }
}
