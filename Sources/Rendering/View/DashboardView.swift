import Theming

/// Draws a `DashboardModel` into a canvas of the terminal's size, pane by pane, as the layout says.
public struct DashboardView: Sendable {
    public var palette: Palette
    public var glyphs: BoxGlyphs

    public init(theme: Theme = .default, glyphs: BoxGlyphs = .rounded) {
        palette = Palette(theme: theme)
        self.glyphs = glyphs
    }

    /// What a frame is: the canvas, and the process rows drawn on it.
    public struct Frame: Sendable {
        public var canvas: Canvas
        /// The pids of the process table's rows on screen (none when the pane is hidden or lists cgroups).
        public var processRows: [Int32] = []
        /// The overlay's (help, log, list) first line as drawn: the offset asked for, kept within it.
        public var overlayOffset: Int?
    }

    public func render(_ model: DashboardModel, width: Int, height: Int) -> Canvas {
        frame(model, width: width, height: height).canvas
    }

    /// The frame for `model`: the canvas (in ASCII when the model says so) and what it shows.
    public func frame(_ model: DashboardModel, width: Int, height: Int) -> Frame {
        var frame = draw(model, width: width, height: height)
        if model.asciiOnly { frame.canvas = frame.canvas.asciiOnly(lineDrawing: model.lineDrawing) }
        return frame
    }

    private func draw(_ model: DashboardModel, width: Int, height: Int) -> Frame {
        var canvas = Canvas(width: width, height: height, fill: Cell(" ", style: palette.text))
        var processRows: [Int32] = []
        let bar = model.keyBar && height >= 2 ? 1 : 0
        let layout = DashboardLayout.compute(
            width: width, height: height - bar, shown: model.shownPanes, preset: model.layoutPreset, banner: !model.alerts.isEmpty
        )
        guard layout.mode != .tooSmall else {
            // Below the smallest layout: the figures that matter most on one line, never a refusal.
            var parts: [String] = []
            if let busy = model.cpu.busy { parts.append("cpu " + Format.percent(busy * 100)) }
            if let m = model.memory, m.total > 0 { parts.append("mem " + Format.percent(Double(m.used) / Double(m.total) * 100)) }
            if let load = model.cpu.load { parts.append("load " + Format.fixed(load.one, 1)) }
            parts.append(model.status.host)
            canvas.write(Format.fitting(parts, separator: " ", width: width), x: 0, y: 0, style: palette.text)
            if height >= 2 {
                let needed = "panes need \(DashboardLayout.minimumWidth)x\(DashboardLayout.minimumHeight)"
                canvas.write(needed, x: 0, y: 1, style: palette.dim, maxWidth: width)
            }
            return Frame(canvas: canvas)
        }
        StatusLineView(palette: palette).render(model.status, in: layout.status, into: &canvas)
        if bar > 0 { KeyBarView(palette: palette).render(in: Rect(x: 0, y: height - 1, width: width, height: 1), into: &canvas) }
        AlertBannerView(palette: palette).render(model.alerts, in: layout.banner, into: &canvas)
        for (pane, rect) in layout.panes.sorted(by: { $0.key < $1.key }) {
            let inner = paneFrame(pane, model: model, in: rect, into: &canvas)
            switch pane {
            case .cpu: CPUPaneView(palette: palette, braille: model.braille && !model.asciiOnly).render(model.cpu, in: inner, into: &canvas)
            case .memory: MemoryPaneView(palette: palette).render(model.memory, in: inner, into: &canvas)
            case .disk: DiskPaneView(palette: palette).render(model.disk, in: inner, into: &canvas)
            case .network: NetworkPaneView(palette: palette).render(model.network, in: inner, into: &canvas)
            case .processes:
                if let containers = model.processes.containers {
                    ContainersTableView(palette: palette).render(containers, problem: model.processes.runtimeProblem, in: inner, into: &canvas)
                } else {
                    processRows = ProcessPaneView(palette: palette).render(model.processes, in: inner, into: &canvas)
                }
            }
        }
        if let chooser = model.signalChooser { SignalChooserView(palette: palette, glyphs: glyphs).render(chooser, in: canvas.bounds, into: &canvas) }
        if let list = model.alertList { AlertListView(palette: palette, glyphs: glyphs).render(list, in: canvas.bounds, into: &canvas) }
        var overlayOffset: Int?
        if let overlay = model.overlay {
            overlayOffset = ListOverlayView(palette: palette, glyphs: glyphs).render(overlay, in: canvas.bounds, into: &canvas)
        } else if model.showHelp {
            overlayOffset = HelpOverlayView(palette: palette, glyphs: glyphs).render(offset: model.helpOffset, in: canvas.bounds, into: &canvas)
        }
        return Frame(canvas: canvas, processRows: processRows, overlayOffset: overlayOffset)
    }

    private func paneFrame(_ pane: PaneID, model: DashboardModel, in rect: Rect, into canvas: inout Canvas) -> Rect {
        let error: String? = switch pane {
        case .cpu: model.cpu.error
        case .memory: model.memory?.error
        case .disk: model.disk.error
        case .network: model.network.error
        case .processes: model.processes.error
        }
        var subtitle: [String] = []
        switch pane {
        case .cpu where !model.cpu.cores.isEmpty: subtitle = ["\(model.cpu.cores.count) cores"] + (model.cpu.modes != nil ? ["by mode"] : [])
        case .memory:
            // The definition of "used" is shown where the number is; the total is in the Used row.
            if let m = model.memory {
                subtitle = (m.limitBytes.map { ["limit " + Format.bytes($0)] } ?? []) + ["used = total − available"]
            }
        case .processes where model.processes.containers != nil:
            let rows = model.processes.containers ?? []
            let containers = rows.count { $0.state != nil }
            let others = rows.count - containers
            let counts = containers > 0
                ? "\(containers) container\(containers == 1 ? "" : "s"), \(others) other cgroup\(others == 1 ? "" : "s")"
                : "\(rows.count) cgroup\(rows.count == 1 ? "" : "s")"
            subtitle = [counts + ", by " + model.processes.sort.label]
            if model.processes.runtimeProblem != nil { subtitle.insert("no container runtime", at: 0) }
            subtitle.append("c: processes")
        case .processes:
            let p = model.processes
            let order = "by " + p.sort.label + (p.reversed ? ", reversed" : "")
            subtitle = p.past.map { [$0, order] }
                ?? ["\(p.total) total, \(p.running) running" + (p.zombies > 0 ? ", \(p.zombies) zombie" : "") + ", " + order]
            var narrowing: [String] = []
            if !p.filter.isEmpty || p.editingFilter { narrowing.append("filter " + p.filter + (p.editingFilter ? "▏" : "")) }
            if let user = p.user { narrowing.append("user " + user) }
            if p.hidingKernelThreads { narrowing.append("no kernel threads") }
            if !narrowing.isEmpty {
                subtitle.insert(narrowing.joined(separator: ", ") + (p.matching.map { " (\($0))" } ?? ""), at: 0)
            }
            if p.follow { subtitle.append("follow") }
            if p.tree { subtitle.append("tree") }
        default: break
        }
        // The graphs' window, when zoomed (`+`/`-`), leads the graph panes' subtitles.
        if model.window != .live, [.cpu, .memory, .network].contains(pane) { subtitle.insert(model.window.label, at: 0) }
        let title = pane == .processes && model.processes.containers != nil ? "Containers" : pane.title
        let frame = PaneFrame(title: title, subtitle: error.map { ["! " + $0] } ?? subtitle, cutsFirst: error != nil)
        return frame.render(
            in: rect, into: &canvas, glyphs: glyphs, borderStyle: palette.border(pane), titleStyle: palette.title,
            subtitleStyle: error == nil ? palette.dim : palette.warning
        )
    }
}
