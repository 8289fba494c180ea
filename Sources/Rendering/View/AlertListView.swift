/// `a`: a box over the screen listing active and recent alerts; ↑↓ select, `s` silences the
/// selected one for a chosen time, `a` or Esc closes.
struct AlertListView {
    var palette: Palette
    var glyphs: BoxGlyphs

    func render(_ list: DashboardModel.AlertList, in screen: Rect, into canvas: inout Canvas) {
        let width = min(screen.width, max(60, screen.width - 8))
        let height = min(max(0, screen.height - 2), max(8, list.rows.count * 2 + 5))
        guard width >= 20, height >= 5 else { return }
        let box = Rect(x: screen.x + (screen.width - width) / 2, y: screen.y + max(1, (screen.height - height) / 2), width: width, height: height)
        for y in box.y..<box.maxY {
            for x in box.x..<box.maxX { canvas[x, y] = Cell(" ", style: palette.text) }
        }
        let hint = list.silenceChoice == nil ? "↑↓ select · s silence · a/Esc close" : "← → choose · Enter silence · Esc cancel"
        let inner = PaneFrame(title: "Alerts", subtitle: [hint], cutsFirst: true)
            .render(in: box, into: &canvas, glyphs: glyphs, borderStyle: palette.highlight, titleStyle: palette.title, subtitleStyle: palette.dim)
        guard inner.height >= 2, inner.width >= 10 else { return }
        let footerY = inner.maxY - 1
        if let choice = list.silenceChoice {
            var x = inner.x + 1
            x += canvas.write("silence for: ", x: x, y: footerY, style: palette.warning)
            for (i, label) in list.silenceChoices.enumerated() {
                x += canvas.write(i == choice ? "[\(label)]" : " \(label) ", x: x, y: footerY, style: i == choice ? palette.selected : palette.text)
            }
        } else {
            canvas.write(list.footer, x: inner.x + 1, y: footerY, style: palette.dim, maxWidth: inner.width - 1)
        }
        let available = inner.height - 1
        guard !list.rows.isEmpty else {
            canvas.write("no alerts active or resolved in the last hour", x: inner.x + 1, y: inner.y, style: palette.dim, maxWidth: inner.width - 1)
            return
        }
        // Two lines per alert: the alert, then its summary; scrolled to keep the selection in view.
        let perPage = max(1, available / 2)
        let first = min(max(0, list.selected - perPage + 1), max(0, list.rows.count - perPage))
        for (offset, row) in list.rows.dropFirst(first).prefix(perPage).enumerated() {
            let index = first + offset
            let y = inner.y + offset * 2
            let marked = index == list.selected
            let base = marked ? palette.selected : palette.text
            var x = inner.x
            x += canvas.write(marked ? ">" : " ", x: x, y: y, style: base)
            x += canvas.write(" " + row.severity.label.prefix(4) + " ", x: x, y: y, style: palette.banner(row.severity))
            let state = row.state + (row.silenced.map { ", " + $0 } ?? "")
            let line = " \(row.name)  \(state)  \(Format.age(row.age))  value \(row.value)  \(row.labels)"
            canvas.write(line, x: x, y: y, style: row.state == "resolved" ? palette.dim : base, maxWidth: inner.maxX - x)
            if y + 1 < footerY {
                canvas.write("       " + row.summary, x: inner.x, y: y + 1, style: palette.dim, maxWidth: inner.width)
            }
        }
    }
}
