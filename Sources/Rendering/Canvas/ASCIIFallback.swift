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
    /// This canvas with every cell in ASCII (see `ASCIIFallback`).
    public func asciiOnly() -> Canvas {
        var out = self
        for y in 0..<height {
            for x in 0..<width {
                let cell = self[x, y]
                if cell.isContinuation {
                    out[x, y] = Cell("?", style: cell.style)
                } else if !cell.symbol.isASCII {
                    out[x, y] = Cell(ASCIIFallback.character(cell.symbol), style: cell.style)
                }
            }
        }
        return out
    }
}
