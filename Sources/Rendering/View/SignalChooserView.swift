/// `k`: a small box naming the process, the signals to choose from, and the confirmation question.
struct SignalChooserView {
    var palette: Palette
    var glyphs: BoxGlyphs

    func render(_ chooser: DashboardModel.SignalChooser, in screen: Rect, into canvas: inout Canvas) {
        let question = chooser.confirming
            ? "send SIG\(chooser.choices[chooser.choice]) to \(chooser.target)? y / n"
            : "↑ ↓ or a letter, Enter, Esc cancels"
        let width = min(screen.width, max(CharacterWidth.of(question), CharacterWidth.of(chooser.target) + 12) + 4)
        let height = min(max(0, screen.height - 1), chooser.choices.count + 3)
        guard width >= 12, height >= 4 else { return }
        let box = Rect(x: screen.x + (screen.width - width) / 2, y: screen.y + max(1, (screen.height - height) / 2), width: width, height: height)
        for y in box.y..<box.maxY {
            for x in box.x..<box.maxX { canvas[x, y] = Cell(" ", style: palette.text) }
        }
        let inner = PaneFrame(title: "Signal", subtitle: [chooser.target], cutsFirst: true)
            .render(in: box, into: &canvas, glyphs: glyphs, borderStyle: palette.warning, titleStyle: palette.title, subtitleStyle: palette.dim)
        for (row, name) in chooser.choices.prefix(max(0, inner.height - 1)).enumerated() {
            let marked = row == chooser.choice
            canvas.write((marked ? "> SIG" : "  SIG") + name, x: inner.x + 1, y: inner.y + row, style: marked ? palette.selected : palette.text)
        }
        canvas.write(question, x: inner.x + 1, y: inner.maxY - 1, style: chooser.confirming ? palette.warning : palette.dim, maxWidth: inner.width - 1)
    }
}
