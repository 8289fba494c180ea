/// CPU pane: total meter, mode split and load, a history graph, and one meter per core.
struct CPUPaneView {
    var palette: Palette

    func render(_ cpu: DashboardModel.CPU, in rect: Rect, into canvas: inout Canvas) {
        guard !rect.isEmpty else { return }
        var rest = rect
        var row: Rect
        (row, rest) = rest.splitTop(1)
        meter("Total", cpu.busy, in: row, into: &canvas, labelWidth: 5)
        if rest.height > 0 {
            (row, rest) = rest.splitTop(1)
            var parts: [String] = []
            if let u = cpu.user, let s = cpu.system {
                parts.append("usr " + Format.percent(u * 100) + "  sys " + Format.percent(s * 100))
                if let w = cpu.iowait { parts.append("wait " + Format.percent(w * 100)) }
                if let st = cpu.steal, st > 0 { parts.append("steal " + Format.percent(st * 100)) }
            }
            let load = cpu.load.map { "load " + Format.fixed($0.one, 2) + " " + Format.fixed($0.five, 2) + " " + Format.fixed($0.fifteen, 2) }
            let left = parts.joined(separator: "  ")
            canvas.write(left, x: row.x, y: row.y, style: palette.graphText, maxWidth: row.width)
            if let load, CharacterWidth.of(left) + CharacterWidth.of(load) + 2 <= row.width {
                canvas.writeRight(load, maxX: row.maxX, y: row.y, style: palette.text)
            } else if let load, left.isEmpty {
                canvas.write(load, x: row.x, y: row.y, style: palette.text, maxWidth: row.width)
            }
        }
        guard rest.height > 0 else { return }
        // Per-core meters in as many columns as fit at ~22 cells each; the graph takes the rows left.
        let columns = max(1, min(cpu.cores.count, rest.width / 22))
        let coreRows = cpu.cores.isEmpty ? 0 : (cpu.cores.count + columns - 1) / columns
        let graphHeight = max(rest.height - coreRows, min(1, rest.height))
        let graph: Rect
        (graph, rest) = rest.splitTop(graphHeight)
        Sparkline(values: cpu.history, maximum: 1).render(in: graph, into: &canvas) { palette.gradient(.cpu, $0) }
        guard rest.height > 0, !cpu.cores.isEmpty else { return }
        let columnWidth = rest.width / columns
        let labelWidth = 2 + String(cpu.cores.last?.id ?? 0).count
        for (i, core) in cpu.cores.enumerated() {
            let r = i / columns, c = i % columns
            guard r < rest.height else { break }
            let cell = Rect(x: rest.x + c * columnWidth, y: rest.y + r, width: columnWidth - (c < columns - 1 ? 1 : 0), height: 1)
            meter("c" + String(core.id), core.busy, in: cell, into: &canvas, labelWidth: labelWidth)
        }
    }

    private func meter(_ label: String, _ busy: Double?, in rect: Rect, into canvas: inout Canvas, labelWidth: Int) {
        let fraction = busy ?? 0
        Meter(label: label, fraction: busy, valueText: Format.fit(Format.percent(busy.map { $0 * 100 }), 4, right: true))
            .render(in: rect, into: &canvas, labelWidth: labelWidth, labelStyle: palette.text,
                    barStyle: palette.gradient(.cpu, fraction), trackStyle: palette.track, valueStyle: palette.text)
    }
}
