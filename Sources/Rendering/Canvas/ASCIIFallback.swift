/// The last rung of the glyph ladder: every cell in 7-bit ASCII, for terminals and locales without
/// UTF-8 (`LANG=C`, `--ascii`, `dashboard.glyphs: ascii`). Box drawing becomes `+-|`, graph levels
/// `._-=#`, meter partials `|` and `#`; any other non-ASCII character (a process name in another
/// script) becomes `?`, a wide one `??`, so columns stay where they were.
public enum ASCIIFallback {
    static let table: [Character: Character] = {
        var t: [Character: Character] = [:]
        for c in "─━═╌╍┄┅" { t[c] = "-" }
        for c in "│┃║╎╏┆┇" { t[c] = "|" }
        for c in "╭╮╰╯┌┐└┘├┤┬┴┼╔╗╚╝╠╣╦╩╬" { t[c] = "+" }
        for (c, a) in zip("▁▂▃▄▅▆▇█", "..--==##") { t[c] = a }
        for (c, a) in zip("▏▎▍▌▋▊▉", "|||||##") { t[c] = a }
        let rest: [(Character, Character)] = [
            ("·", "."), ("╷", "'"), ("▓", "%"), ("▒", ":"), ("░", ";"), ("▼", "v"), ("▲", "^"), ("↑", "^"), ("↓", "v"), ("°", " "), ("−", "-"), ("…", "~"),
            ("×", "x"), ("µ", "u"),
        ]
        for (c, a) in rest { t[c] = a }
        return t
    }()

    /// With ACS line drawing (`asciiOnly(lineDrawing: true)`): every box-drawing character becomes
    /// one of these square ones, which the terminal backend draws from the terminal's alternate
    /// character set (VT100 `smacs`), so borders stay lines in a locale without UTF-8.
    public static let lineDrawing: [Character: Character] = {
        var t: [Character: Character] = [:]
        for c in "─━═╌╍┄┅" { t[c] = "─" }
        for c in "│┃║╎╏┆┇" { t[c] = "│" }
        for (set, square) in [("╭┌╔", "┌"), ("╮┐╗", "┐"), ("╰└╚", "└"), ("╯┘╝", "┘"), ("├╠", "├"), ("┤╣", "┤"), ("┬╦", "┬"), ("┴╩", "┴"), ("┼╬", "┼")] as [(String, Character)] {
            for c in set { t[c] = square }
        }
        return t
    }()

    /// The VT100 alternate-charset letter of each square line-drawing character (terminfo `acsc`).
    public static let acsLetter: [Character: UInt8] = [
        "─": UInt8(ascii: "q"), "│": UInt8(ascii: "x"), "┌": UInt8(ascii: "l"), "┐": UInt8(ascii: "k"), "└": UInt8(ascii: "m"),
        "┘": UInt8(ascii: "j"), "├": UInt8(ascii: "t"), "┤": UInt8(ascii: "u"), "┬": UInt8(ascii: "w"), "┴": UInt8(ascii: "v"), "┼": UInt8(ascii: "n"),
    ]

    public static func character(_ c: Character) -> Character {
        if c.isASCII { return c }
        if let scalar = c.unicodeScalars.first, (0x2800...0x28FF).contains(scalar.value) {
            // Braille: by how many of its eight dots are set.
            let dots = (scalar.value - 0x2800).nonzeroBitCount
            return dots == 0 ? " " : Array("..--==##")[dots - 1]
        }
        return table[c] ?? "?"
    }
}

extension Canvas {
    /// This canvas with every cell in ASCII (see `ASCIIFallback`); with `lineDrawing`, box drawing
    /// stays as square line characters for the backend to draw from the terminal's ACS.
    public func asciiOnly(lineDrawing: Bool = false) -> Canvas {
        var out = self
        for y in 0..<height {
            for x in 0..<width {
                let cell = self[x, y]
                if cell.isContinuation {
                    out[x, y] = Cell("?", style: cell.style)
                } else if !symbol(of: cell).isASCII {
                    let line = lineDrawing ? ASCIIFallback.lineDrawing[symbol(of: cell)] : nil
                    out[x, y] = Cell(line ?? ASCIIFallback.character(symbol(of: cell)), style: cell.style)
                }
            }
        }
        return out
    }
}
