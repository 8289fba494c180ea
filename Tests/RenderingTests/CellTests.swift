@testable import Rendering
import Testing

/// A cell keeps any grapheme in 32 bits, numbered in its canvas's own table when it has more
/// than one scalar, and the canvas gives back the same one.
@Suite struct CellTests {
    @Test func cellsAreSixteenBytes() {
        #expect(MemoryLayout<Cell>.stride == 16)
    }

    @Test func everyKindOfGraphemeComesBackFromTheCanvas() {
        let graphemes: [Character] = [
            " ", "a", "~", "é", "\u{65}\u{301}", "│", "⣿", "█", "中", "😀", "👩‍👩‍👧", "🇫🇷", "\u{FFFD}", Cell.continuationSymbol,
        ]
        var canvas = Canvas(width: 1, height: 1)
        for grapheme in graphemes {
            canvas[0, 0] = canvas.cell(grapheme, style: .plain)
            #expect(canvas.symbol(x: 0, y: 0) == grapheme)
            #expect(String(canvas.symbol(x: 0, y: 0)).unicodeScalars.elementsEqual(String(grapheme).unicodeScalars), "\(grapheme)")
        }
        #expect(Cell("é").symbol == "é" && Cell("中").symbol == "中", "one scalar needs no canvas")
        #expect(Cell("👩‍👩‍👧").symbol == "\u{FFFD}", "more than one does: on its own it shows as U+FFFD")
        #expect(Cell(Cell.continuationSymbol).isContinuation && !Cell(" ").isContinuation)
    }

    @Test func aGraphemeIsNumberedOncePerCanvasAndCanvasesCompareByText() {
        var a = Canvas(width: 2, height: 1), b = Canvas(width: 2, height: 1)
        a.write("🇯🇵", x: 0, y: 0, style: .plain)
        a.write("🇯🇵", x: 0, y: 0, style: .plain)
        #expect(a.numberedGraphemes == 1)
        // b numbers another grapheme first, so the same flag has another number there.
        b.write("👩‍👩‍👧", x: 0, y: 0, style: .plain)
        b.write("🇯🇵", x: 0, y: 0, style: .plain)
        #expect(a[0, 0] != b[0, 0], "different numbers")
        #expect(a.sameCell(x: 0, y: 0, as: b), "the same grapheme on screen")
        b.write("🇫🇷", x: 0, y: 0, style: .plain)
        #expect(!a.sameCell(x: 0, y: 0, as: b))
        #expect(Cell("a") != Cell("b"))
        #expect(Cell("a", style: Style(attributes: .bold)) != Cell("a"))
    }

    @Test func aFullTableShowsNewGraphemesAsTheReplacementCharacter() {
        var table = GraphemeTable(capacity: 2)
        let first = table.number(for: "a\u{301}")
        let second = table.number(for: "e\u{301}")
        let third = table.number(for: "o\u{301}")
        #expect(table.character(first) == "a\u{301}" && table.character(second) == "e\u{301}")
        #expect(third == 0xFFFD)
        #expect(table.number(for: "a\u{301}") == first, "known ones keep their numbers")
        #expect(table.count == 2)
    }
}
