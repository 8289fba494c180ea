/// CPU pane: total meter, mode split and load, a history graph, and one meter per core.
struct CPUPaneView {
    var palette: Palette
    /// The history graph in braille (two points and four levels a cell) rather than blocks.
    var braille = false

    func render(_ cpu: DashboardModel.CPU, in rect: Rect, into canvas: inout Canvas) {
        guard !rect.isEmpty else { return }
        var rest = rect
        var row: Rect
        (row, rest) = rest.splitTop(1)
        totalBar(cpu, in: row, into: &canvas)
        if rest.height > 0 {
            (row, rest) = rest.splitTop(1)
            modeLine(cpu, in: row, into: &canvas)
        }
        guard rest.height > 0 else { return }
        // Per-core meters at ~22 cells each; when rows are scarce, more and narrower columns so every
        // core stays visible. The graph keeps at least one row; the info line only takes a row
        // that the graph can spare.
        let n = cpu.cores.count
        var columns = max(1, min(n, rest.width / 22))
        if n > 0 {
            let rowsForCores = max(1, rest.height - 1)
            columns = max(columns, min((n + rowsForCores - 1) / rowsForCores, max(1, rest.width / 9)))
        }
        var coreRows = n == 0 ? 0 : min((n + columns - 1) / columns, rest.height)
        // Too many cores for a meter each (64 at 80x24): a heat row, one cell per core, instead.
        let heat = n > 0 && columns * max(1, rest.height - 1) < n
        if heat { coreRows = min(rest.height, (n + rest.width - 1) / max(1, rest.width)) }
        let info = Format.fitting(infoParts(cpu), width: rect.width)
        if !info.isEmpty, rest.height - coreRows >= 2 {
            (row, rest) = rest.splitTop(1)
            canvas.write(info, x: row.x, y: row.y, style: palette.graphText)
        }
        let graphHeight = rest.height - coreRows
        var graph: Rect
        (graph, rest) = rest.splitTop(graphHeight)
        if var axis = cpu.axis, graph.height >= 3 {
            // Braille packs two ticks a cell.
            if braille, cpu.modes == nil { axis.secondsPerCell = axis.secondsPerCell.map { $0 * 2 } }
            let row: Rect
            (graph, row) = graph.splitTop(graph.height - 1)
            axis.render(in: row, into: &canvas, markStyle: palette.dim, endStyle: palette.highlight)
        }
        if let modes = cpu.modes {
            modeGraph(modes, in: graph, into: &canvas)
        } else if braille {
            let (mean, high) = cpu.history.fitted(to: graph.width * 2)
            BrailleGraph(values: mean, maximum: 1, whiskers: cpu.history.perTick ? nil : high)
                .render(in: graph, into: &canvas) { palette.gradient(.cpu, $0) }
        } else {
            let (mean, high) = cpu.history.fitted(to: graph.width)
            Sparkline(values: mean, maximum: 1, whiskers: cpu.history.perTick ? nil : high, whiskerStyle: palette.dim)
                .render(in: graph, into: &canvas) { palette.gradient(.cpu, $0) }
        }
        guard rest.height > 0, !cpu.cores.isEmpty else { return }
        if heat {
            heatRows(cpu.cores, in: rest, into: &canvas)
            return
        }
        let columnWidth = rest.width / columns
        let labelWidth = 2 + String(cpu.cores.last?.id ?? 0).count
        for (i, core) in cpu.cores.enumerated() {
            let r = i / columns, c = i % columns
            guard r < rest.height else { break }
            let cell = Rect(x: rest.x + c * columnWidth, y: rest.y + r, width: columnWidth - (c < columns - 1 ? 1 : 0), height: 1)
            // A mini sparkline of the core's last ticks at the right of its cell, when the cell is
            // wide enough to keep a useful meter beside it.
            let spark = core.recent.isEmpty || cell.width < 30 ? 0 : min(10, core.recent.count, cell.width / 4)
            let meterCell = Rect(x: cell.x, y: cell.y, width: cell.width - (spark > 0 ? spark + 1 : 0), height: 1)
            meter("c" + String(core.id), core.busy, in: meterCell, into: &canvas, labelWidth: labelWidth)
            if spark > 0 {
                Sparkline(values: Array(core.recent.suffix(spark)), maximum: 1)
                    .render(in: Rect(x: meterCell.maxX + 1, y: cell.y, width: spark, height: 1), into: &canvas) { palette.gradient(.cpu, $0) }
            }
        }
    }

    /// `Total ████▓▓▒░······ 63%`: the busy share split by mode — user █, system ▓, the rest of busy
    /// (nice, irq, softirq) ▒, steal ░ — each its own glyph so the split reads without colour.
    /// Without a mode split (first tick), a plain meter.
    private func totalBar(_ cpu: DashboardModel.CPU, in row: Rect, into canvas: inout Canvas) {
        guard let busy = cpu.busy, let user = cpu.user, let system = cpu.system else {
            meter("Total", cpu.busy, in: row, into: &canvas, labelWidth: 5)
            return
        }
        let steal = cpu.steal ?? 0
        let other = max(0, busy - user - system - steal)
        StackedMeter(label: "Total", valueText: Format.fit(Format.percent(busy * 100), 4, right: true), parts: [
            .init(fraction: user, glyph: "█", style: palette.gradient(.cpu, min(1, busy))),
            .init(fraction: system, glyph: "▓", style: palette.gradient(.cpu, min(1, busy + 0.25))),
            .init(fraction: other, glyph: "▒", style: palette.gradient(.cpu, min(1, busy + 0.1))),
            .init(fraction: steal, glyph: "░", style: palette.gradient(.cpu, 1)),
            .init(fraction: max(0, 1 - busy), glyph: "·", style: palette.track),
        ]).render(in: row, into: &canvas, labelWidth: 5, labelStyle: palette.text, valueStyle: palette.text)
    }

    /// The glyph of each mode in the mode graph (`m`) and in the mode line while it shows.
    static let modeGlyphs: (user: Character, system: Character, iowait: Character, steal: Character) = ("█", "▓", "▒", "░")

    /// `m`: each column a stack of user █, system ▓, iowait ▒ and steal ░ (vmstat's grouping).
    private func modeGraph(_ modes: DashboardModel.CPU.Modes, in rect: Rect, into canvas: inout Canvas) {
        let g = Self.modeGlyphs
        StackedGraph(layers: [
            .init(values: modes.user.fitted(to: rect.width).mean, glyph: g.user, style: palette.gradient(.cpu, 0.2)),
            .init(values: modes.system.fitted(to: rect.width).mean, glyph: g.system, style: palette.gradient(.cpu, 0.6)),
            .init(values: modes.iowait.fitted(to: rect.width).mean, glyph: g.iowait, style: palette.warning),
            .init(values: modes.steal.fitted(to: rect.width).mean, glyph: g.steal, style: palette.gradient(.cpu, 1)),
        ]).render(in: rect, into: &canvas)
    }

    /// One cell per core, left to right and row by row: the block's height and colour say how busy.
    private func heatRows(_ cores: [DashboardModel.CPU.Core], in rect: Rect, into canvas: inout Canvas) {
        for (i, core) in cores.enumerated() {
            let y = rect.y + i / rect.width
            guard y < rect.maxY else { break }
            let raw = core.busy ?? 0
            let busy = raw.isFinite ? min(max(raw, 0), 1) : 0
            let level = core.busy == nil ? 0 : max(1, Int((busy * 8).rounded()))
            canvas[rect.x + i % rect.width, y] = Cell(Sparkline.levels[level], style: palette.gradient(.cpu, busy))
        }
    }

    /// `usr 41%  sys 17%  wait 4.0%  steal 1.0%` on the left and the load on the right; when the row
    /// is too narrow the least important figures go first (steal, wait), never the load.
    private func modeLine(_ cpu: DashboardModel.CPU, in row: Rect, into canvas: inout Canvas) {
        // The load in the longest form the row has room for: all three, without the word, the
        // last minute alone; never over the pane's border.
        let forms: [String] = cpu.load.map { l -> [String] in
            let three = Format.fixed(l.one, 2) + " " + Format.fixed(l.five, 2) + " " + Format.fixed(l.fifteen, 2)
            return ["load " + three, three, "load " + Format.fixed(l.one, 2), Format.fixed(l.one, 2)]
        } ?? []
        let load = forms.first { (form: String) in CharacterWidth.of(form) <= row.width } ?? ""
        var parts: [String] = []
        // With the mode graph, each figure leads with its glyph there (and steal shows even at 0).
        let g = Self.modeGlyphs
        let legend = cpu.modes != nil
        func tag(_ glyph: Character) -> String { legend ? String(glyph) + " " : "" }
        if let u = cpu.user, let s = cpu.system {
            parts = [tag(g.user) + "usr " + Format.percent(u * 100), tag(g.system) + "sys " + Format.percent(s * 100)]
        }
        if let w = cpu.iowait { parts.append(tag(g.iowait) + "wait " + Format.percent(w * 100)) }
        if let st = cpu.steal, st > 0 || legend { parts.append(tag(g.steal) + "steal " + Format.percent(st * 100)) }
        var left = parts.joined(separator: "  ")
        while !parts.isEmpty, CharacterWidth.of(left) + CharacterWidth.of(load) + 2 > row.width {
            parts.removeLast()
            left = parts.joined(separator: "  ")
        }
        canvas.write(left, x: row.x, y: row.y, style: palette.graphText, maxWidth: row.width)
        if !load.isEmpty { canvas.writeRight(load, maxX: row.maxX, y: row.y, style: palette.text) }
    }

    /// `2.40GHz`, `51°C`, `psi 0.6%`, `limit 2.0 cores`: whichever the machine has.
    private func infoParts(_ cpu: DashboardModel.CPU) -> [String] {
        var parts: [String] = []
        if let hz = cpu.frequencyHertz { parts.append(Format.fixed(hz / 1e9, 2) + "GHz") }
        if let t = cpu.hottestCelsius { parts.append(Format.whole(t.rounded()) + "°C") }
        if let p = cpu.pressurePercent { parts.append("psi " + Format.percent(p)) }
        if let c = cpu.limitCores { parts.append("limit " + Format.fixed(c, 1) + " cores") }
        return parts
    }

    private func meter(_ label: String, _ busy: Double?, in rect: Rect, into canvas: inout Canvas, labelWidth: Int) {
        let fraction = busy ?? 0
        Meter(label: label, fraction: busy, valueText: Format.fit(Format.percent(busy.map { $0 * 100 }), 4, right: true))
            .render(in: rect, into: &canvas, labelWidth: labelWidth, labelStyle: palette.text,
                    barStyle: palette.gradient(.cpu, fraction), trackStyle: palette.track, valueStyle: palette.text)
    }
}
