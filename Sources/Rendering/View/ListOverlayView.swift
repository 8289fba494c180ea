/// A box over the middle of the screen listing entries of two columns (a key and what it does, a
/// time and a message, a descriptor and its file), scrolled by `offset`. Long texts wrap at words
/// under their own column; when the entries do not fit, the title says which lines are shown.
struct ListOverlayView {
    var palette: Palette
    var glyphs: BoxGlyphs

    /// Draws `overlay`; returns the offset drawn (the one asked for, kept within the entries).
    @discardableResult
    func render(_ overlay: DashboardModel.Overlay, in screen: Rect, into canvas: inout Canvas) -> Int {
        let keyWidth = min(overlay.entries.map { CharacterWidth.of($0.key) }.max() ?? 0, max(0, screen.width / 3))
        let gap = keyWidth > 0 ? 2 : 0
        let textWidth = overlay.entries.map { CharacterWidth.of($0.text) }.max() ?? 0
        // Wide enough for the title, which of the lines are shown and how to close it.
        let edge = CharacterWidth.of(overlay.title) + CharacterWidth.of(overlay.closeHint) + 36
        let width = min(screen.width, max(keyWidth + gap + textWidth + 4, edge))
        let textRoom = max(1, width - 4 - keyWidth - gap)
        var lines: [(key: String, text: String)] = []
        var selectedLine: Int?
        for (index, entry) in overlay.entries.enumerated() {
            if index == overlay.selected { selectedLine = lines.count }
            for (i, line) in TextWrap.lines(entry.text, width: textRoom).enumerated() { lines.append((i == 0 ? entry.key : "", line)) }
        }
        if lines.isEmpty { lines = [("", overlay.empty)] }
        let height = min(max(0, screen.height - 1), lines.count + 2)
        guard width >= 12, height >= 3 else { return 0 }
        let visible = height - 2
        var asked = overlay.offset
        if let selectedLine { asked = min(max(asked, selectedLine - visible + 1), selectedLine) }
        let offset = min(max(0, asked), max(0, lines.count - visible))
        let box = Rect(x: screen.x + (screen.width - width) / 2, y: screen.y + max(1, (screen.height - height) / 2), width: width, height: height)
        for y in box.y..<box.maxY {
            for x in box.x..<box.maxX { canvas[x, y] = Cell(" ", style: palette.text) }
        }
        let position = lines.count > visible ? ["\(offset + 1)–\(offset + visible) of \(lines.count)", "↑↓ PgUp PgDn"] : []
        let inner = PaneFrame(title: overlay.title, subtitle: position + [overlay.closeHint])
            .render(in: box, into: &canvas, glyphs: glyphs, borderStyle: palette.highlight, titleStyle: palette.title, subtitleStyle: palette.dim)
        for (row, line) in lines.dropFirst(offset).prefix(inner.height).enumerated() {
            let chosen = selectedLine == offset + row
            if chosen { for x in inner.x..<inner.maxX { canvas[x, inner.y + row] = Cell(" ", style: palette.selected) } }
            canvas.write(line.key, x: inner.x + 1, y: inner.y + row, style: chosen ? palette.selected : palette.highlight, maxWidth: keyWidth)
            canvas.write(line.text, x: inner.x + 1 + keyWidth + gap, y: inner.y + row, style: chosen ? palette.selected : palette.text, maxWidth: textRoom)
        }
        if lines.count > offset + visible {
            canvas.write(" ↓ more ", x: box.maxX - 10, y: box.maxY - 1, style: palette.dim, maxWidth: 8)
        }
        return offset
    }
}
