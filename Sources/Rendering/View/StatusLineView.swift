/// The top row: host, uptime, clock, refresh interval, vitals' own cost, and failing collectors.
struct StatusLineView {
    var palette: Palette

    func render(_ status: DashboardModel.Status, in rect: Rect, into canvas: inout Canvas) {
        guard !rect.isEmpty else { return }
        var x = rect.x
        // `? help` is always there, at the right (`q quit` too where there is room): everything
        // else gives way to it, so help is found at any width.
        let help = rect.width >= 100 ? " ? help  q quit " : rect.width >= 16 ? " ? help " : ""
        let end = rect.maxX - CharacterWidth.of(help)
        // Whole items only: a narrow terminal skips what does not fit rather than cut a number in half.
        func put(_ text: String, _ style: Style) {
            guard CharacterWidth.of(text) <= end - x else { return }
            x += canvas.write(text, x: x, y: rect.y, style: style)
        }
        // A message: cut to fit (with at least 12 columns left) rather than left out.
        func putCutting(_ text: String) {
            if CharacterWidth.of(text) > end - x, end - x >= 12 {
                x += canvas.write(Format.fit(text, end - x - 1), x: x, y: rect.y, style: palette.warning)
            } else {
                put(text, palette.warning)
            }
        }
        if status.frozen { put(" FROZEN", palette.warning) }
        // Time travel leads the line, so a past moment is never taken for now.
        if let past = status.past { put(" PAST " + past + " ", palette.selected) }
        if let typing = status.jumpText { put(" go to: " + typing + "▏ (03:12, -2h, 2026-11-30 03:12; Enter, Esc) ", palette.selected) }
        // Another host's panes say so before its name.
        if let remote = status.remote { put(" " + remote.text + " ", remote.down ? palette.warning : palette.selected) }
        put(" " + status.host, palette.highlight)
        // A key's outcome comes right after the host, cut to fit only when nothing else is left;
        // the figures after it give way first.
        if let flash = status.flash { putCutting("  ! " + flash) }
        put("  up " + status.uptime, palette.text)
        if !status.clock.isEmpty { put("  " + status.clock, palette.text) }
        put("  vitals " + Format.percent(status.selfCPU) + " " + (status.selfRSS.map(Format.bytes) ?? "-"), palette.dim)
        if !status.interval.isEmpty { put("  every " + status.interval, palette.dim) }
        if let bytes = status.storeBytes { put("  history " + Format.bytes(UInt64(max(0, bytes))), palette.dim) }
        if let serving = status.serving { put("  serving " + serving, palette.dim) }
        // Problems and notices may be long (a path, an error): the first is cut to fit rather than
        // left out (`L` shows it whole).
        for (i, message) in (status.problems + status.notices).enumerated() {
            if i == 0 { putCutting("  ! " + message) } else { put("  ! " + message, palette.warning) }
        }
        if !help.isEmpty { canvas.writeRight(help, maxX: rect.maxX, y: rect.y, style: palette.dim) }
    }
}
