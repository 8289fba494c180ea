/// Breaks text into lines of at most `width` columns at spaces; a word longer than a line is cut
/// where the line ends (a path, an environment value). Counts display columns, not characters.
public enum TextWrap {
    public static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        var used = 0
        func flush() {
            lines.append(line)
            line = ""
            used = 0
        }
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let w = CharacterWidth.of(String(word))
            if used > 0, used + 1 + w <= width {
                line += " " + word
                used += 1 + w
                continue
            }
            if used > 0 { flush() }
            if w <= width {
                line = String(word)
                used = w
                continue
            }
            for c in word {
                let cw = CharacterWidth.of(c)
                if used + cw > width { flush() }
                line.append(c)
                used += cw
            }
        }
        if used > 0 || lines.isEmpty { lines.append(line) }
        return lines
    }
}
