import VitalsCore

/// An off-screen grid of cells that widgets draw into; the terminal backend diffs and flushes it.
public struct Canvas: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// The graphemes of more than one scalar written here, which cells hold by number.
    private var graphemes = GraphemeTable(capacity: 4096)

    public init(width: Int, height: Int, fill: Cell = Cell()) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            cells[y * width + x] = newValue
        }
    }

    /// Writes `text` at (x, y) after sanitising it, clipped to `maxWidth` columns and the canvas edge.
    /// A wide character that would straddle the limit is not drawn. Returns the columns used.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style, maxWidth: Int = .max) -> Int {
        guard y >= 0, y < height, x < width, maxWidth > 0 else { return 0 }
        let limit = min(width, x + min(maxWidth, width))
        let clean = TextSanitizer.sanitize(text)
        var column = x
        for character in clean {
            let w = CharacterWidth.of(character)
            if w == 0 { continue }
            if column + w > limit { break }
            if column >= 0 {
                cells[y * width + column] = cell(character, style: style)
                if w == 2, column + 1 < width { cells[y * width + column + 1] = Cell(Cell.continuationSymbol, style: style) }
            }
            column += w
        }
        return column - x
    }

    /// Writes `text` right-aligned so that it ends at column `maxX` (exclusive).
    @discardableResult
    public mutating func writeRight(_ text: String, maxX: Int, y: Int, style: Style) -> Int {
        let w = CharacterWidth.of(TextSanitizer.sanitize(text))
        return write(text, x: maxX - w, y: y, style: style)
    }

    /// A cell for `character`, numbering a grapheme of more than one scalar in this canvas's table.
    public mutating func cell(_ character: Character, style: Style) -> Cell {
        if let scalar = Cell.scalarGlyph(of: character) { return Cell(glyph: scalar, style: style) }
        return Cell(glyph: graphemes.number(for: character), style: style)
    }

    /// The grapheme `cell` (one of this canvas's) shows.
    public func symbol(of cell: Cell) -> Character {
        cell.isNumbered ? graphemes.character(cell.glyph) : cell.symbol
    }

    /// The grapheme at (x, y).
    public func symbol(x: Int, y: Int) -> Character {
        symbol(of: self[x, y])
    }

    /// Whether (x, y) shows the same here and in `other` (same size): the diff's question. Numbers
    /// are each canvas's own, so numbered graphemes are compared as text.
    public func sameCell(x: Int, y: Int, as other: Canvas) -> Bool {
        let a = self[x, y], b = other[x, y]
        if a.isNumbered, b.isNumbered { return a.style == b.style && symbol(of: a) == other.symbol(of: b) }
        return a == b
    }

    /// Graphemes of more than one scalar numbered on this canvas.
    public var numberedGraphemes: Int { graphemes.count }

    /// Row `y` as text (continuation cells omitted).
    public func line(_ y: Int) -> String {
        var s = ""
        for x in 0..<width {
            let c = cells[y * width + x]
            if !c.isContinuation { s.append(symbol(of: c)) }
        }
        return s
    }

    /// Every row as text, trailing spaces removed: the form widget tests compare.
    public var lines: [String] {
        (0..<height).map { y in
            var l = line(y)
            while l.last == " " { l.removeLast() }
            return l
        }
    }
}
