/// Memory pane: used (= total − available) and swap meters, the breakdown, and a history graph.
struct MemoryPaneView {
    var palette: Palette

    /// `Used ████▓▓▓▓········ 21G/32G 66%`: used (█), the rest of what is in use but reclaimable,
    /// mostly cache (▓), and free (·), filling the bar exactly. Below four cells, only the figures.
    private func usedBar(_ m: DashboardModel.Memory, usedFraction: Double, in row: Rect, into canvas: inout Canvas) {
        let value = m.pending ? "-" : Format.bytes(m.used) + "/" + Format.bytes(m.total) + " " + Format.fit(Format.percent(usedFraction * 100), 4, right: true)
        guard m.total > 0, !m.pending else {
            StackedMeter(label: "Used", valueText: value, parts: []).render(in: row, into: &canvas, labelWidth: 5, labelStyle: palette.text, valueStyle: palette.text)
            return
        }
        let total = Double(m.total)
        let used = Double(m.used), free = Double(min(m.free, m.total - min(m.used, m.total)))
        let cache = max(0, total - used - free)
        StackedMeter(label: "Used", valueText: value, parts: [
            .init(fraction: used / total, glyph: "█", style: palette.gradient(.used, usedFraction)),
            .init(fraction: cache / total, glyph: "▓", style: palette.gradient(.cached, 0.5)),
            .init(fraction: free / total, glyph: "·", style: palette.track),
        ]).render(in: row, into: &canvas, labelWidth: 5, labelStyle: palette.text, valueStyle: palette.text)
    }

    func render(_ memory: DashboardModel.Memory?, in rect: Rect, into canvas: inout Canvas) {
        guard !rect.isEmpty else { return }
        guard let m = memory else {
            canvas.write("waiting for data", x: rect.x, y: rect.y, style: palette.dim, maxWidth: rect.width)
            return
        }
        var rest = rect
        var row: Rect
        let usedFraction = m.total > 0 ? Double(m.used) / Double(m.total) : 0
        (row, rest) = rest.splitTop(1)
        usedBar(m, usedFraction: usedFraction, in: row, into: &canvas)
        if rest.height > 0 {
            (row, rest) = rest.splitTop(1)
            // Pending: blank until the first reading (the swap row below says so).
            if !m.pending {
                let detail = Format.fitting(["avail " + Format.bytes(m.available), "cache " + Format.bytes(m.cached), "free " + Format.bytes(m.free)], width: row.width)
                canvas.write(detail, x: row.x, y: row.y, style: palette.graphText, maxWidth: row.width)
            }
        }
        if rest.height > 0 {
            (row, rest) = rest.splitTop(1)
            if m.pending {
                canvas.write("Swap  -", x: row.x, y: row.y, style: palette.dim, maxWidth: row.width)
            } else if m.swapTotal > 0 {
                let f = Double(m.swapUsed) / Double(m.swapTotal)
                Meter(label: "Swap", fraction: f, valueText: Format.bytes(m.swapUsed) + "/" + Format.bytes(m.swapTotal))
                    .render(in: row, into: &canvas, labelWidth: 5, labelStyle: palette.text,
                            barStyle: palette.gradient(.used, f), trackStyle: palette.track, valueStyle: palette.text)
            } else {
                canvas.write("Swap  none", x: row.x, y: row.y, style: palette.dim, maxWidth: row.width)
            }
        }
        let info = Format.fitting(infoParts(m), width: rect.width)
        if !info.isEmpty, rest.height >= 2 {
            (row, rest) = rest.splitTop(1)
            canvas.write(info, x: row.x, y: row.y, style: palette.graphText, maxWidth: row.width)
        }
        if rest.height > 0 {
            let (mean, high) = m.history.fitted(to: rest.width)
            Sparkline(values: mean, maximum: 1, whiskers: m.history.perTick ? nil : high, whiskerStyle: palette.dim)
                .render(in: rest, into: &canvas) { palette.gradient(.used, $0) }
        }
    }

    /// `swap in 0 out 0/s`, `majflt 2/s`, `psi 0.0%`.
    private func infoParts(_ m: DashboardModel.Memory) -> [String] {
        var parts: [String] = []
        if let i = m.swapInPagesPerSecond, let o = m.swapOutPagesPerSecond {
            parts.append("swap in " + Format.count(i) + " out " + Format.count(o) + "/s")
        }
        if let f = m.majorFaultsPerSecond { parts.append("majflt " + Format.count(f) + "/s") }
        if let p = m.pressurePercent { parts.append("psi " + Format.percent(p)) }
        return parts
    }
}
