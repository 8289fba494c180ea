/// `?` or F1: every key, in a box over the middle of the screen. Any key closes it.
struct HelpOverlayView {
    var palette: Palette
    var glyphs: BoxGlyphs

    static let keys: [(String, String)] = [
        ("q  Ctrl-C  F10", "quit"),
        ("?  h  F1", "this help (any key closes it)"),
        ("R", "re-read the configuration file"),
        ("- +", "zoom the graphs out / in (live, 1m … 30d)"),
        ("1 … 5", "show / hide CPU, memory, disk, network, processes"),
        ("← → [ ]", "time travel: move back / forward along the graphs"),
        ("g", "go to a time (03:12, -2h, 2026-11-30 03:12); Esc: live"),
        ("m", "CPU graph by mode: user █ system ▓ iowait ▒ steal ░"),
        ("p", "next layout: auto, wide, grid, stacked, strip, compact"),
        ("space", "freeze / unfreeze the panes (history keeps recording)"),
        ("↑ ↓ PgUp PgDn", "select a process"),
        ("Home End", "first / last process"),
        ("< >  F6", "order processes by CPU, memory, I/O, PID, name, user"),
        ("/  F3  F4", "filter processes by name, command line or user"),
        ("Enter", "keep the filter being typed"),
        ("Esc", "clear the filter and the selection"),
        ("f", "follow the selected process when the order changes"),
        ("t  F5", "processes as a tree"),
        ("c", "containers: services and containers (cgroups) instead of processes"),
        ("k  F9", "send a signal to the selected process (then y)"),
        ("a", "alerts: active and recent; s silences the selected one, u lifts its silence"),
        ("mouse", "click a header to sort, a row to select; the wheel scrolls"),
    ]

    func render(in screen: Rect, into canvas: inout Canvas) {
        let keyWidth = Self.keys.map { CharacterWidth.of($0.0) }.max() ?? 0
        let textWidth = Self.keys.map { CharacterWidth.of($0.1) }.max() ?? 0
        let width = min(screen.width, keyWidth + textWidth + 6)
        let height = min(max(0, screen.height - 1), Self.keys.count + 2)
        guard width >= 12, height >= 3 else { return }
        let box = Rect(x: screen.x + (screen.width - width) / 2, y: screen.y + max(1, (screen.height - height) / 2), width: width, height: height)
        for y in box.y..<box.maxY {
            for x in box.x..<box.maxX { canvas[x, y] = Cell(" ", style: palette.text) }
        }
        let inner = PaneFrame(title: "Keys", subtitle: ["any key closes"])
            .render(in: box, into: &canvas, glyphs: glyphs, borderStyle: palette.highlight, titleStyle: palette.title, subtitleStyle: palette.dim)
        for (row, (key, text)) in Self.keys.prefix(inner.height).enumerated() {
            canvas.write(key, x: inner.x + 1, y: inner.y + row, style: palette.highlight, maxWidth: keyWidth)
            canvas.write(text, x: inner.x + keyWidth + 3, y: inner.y + row, style: palette.text, maxWidth: max(0, inner.width - keyWidth - 3))
        }
    }
}
