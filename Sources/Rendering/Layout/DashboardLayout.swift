/// Where each pane goes for a terminal size: a pure function of width, height, the panes shown and
/// an optional preset.
///
/// The ladder: `wide` (≥160x40: CPU across the top, memory/disk/network left, processes right),
/// `grid` (≥80x20: CPU|memory, disk|network, processes), `stacked` (narrow and tall such as a 60x40
/// tmux side pane: all five in a column), `strip` (short, such as 100x15: CPU|memory|network over
/// processes, disk left out), `compact` (small: CPU, memory and processes), and below
/// `minimumWidth`x`minimumHeight` a one-line message that names the size needed.
///
/// Hidden panes (keys 1–5, `dashboard.panes`) give their room to the others. A preset (`p`,
/// `dashboard.layout`) is used when the terminal is at least its `minimumSize`; otherwise the
/// ladder chooses.
public struct DashboardLayout: Equatable, Sendable {
    public enum Mode: String, Sendable, CaseIterable {
        case wide, grid, stacked, strip, compact, tooSmall

        /// The smallest terminal a preset is honoured at.
        public var minimumSize: (width: Int, height: Int) {
            switch self {
            case .wide: (100, 30)
            case .grid: (60, 16)
            case .stacked: (30, 16)
            case .strip: (60, 10)
            case .compact, .tooSmall: (DashboardLayout.minimumWidth, DashboardLayout.minimumHeight)
            }
        }
    }

    public static let minimumWidth = 40
    public static let minimumHeight = 8

    public var mode: Mode
    /// The status line (row 0).
    public var status: Rect
    /// The alert banner (row 1) when alerts are firing; empty otherwise.
    public var banner = Rect(x: 0, y: 0, width: 0, height: 0)
    public var panes: [PaneID: Rect]

    public static func compute(
        width: Int, height: Int, shown: Set<PaneID> = Set(PaneID.allCases), preset: Mode? = nil, banner: Bool = false
    ) -> DashboardLayout {
        let status = Rect(x: 0, y: 0, width: width, height: height > 0 ? 1 : 0)
        guard width >= minimumWidth, height >= minimumHeight else {
            return DashboardLayout(mode: .tooSmall, status: status, panes: [:])
        }
        // The banner row is taken from the panes only when something is firing, and never below
        // the smallest layout's height.
        let bannerRows = banner && height > minimumHeight ? 1 : 0
        let body = Rect(x: 0, y: 1 + bannerRows, width: width, height: height - 1 - bannerRows)
        let mode: Mode
        if let preset, preset != .tooSmall, width >= preset.minimumSize.width, height >= preset.minimumSize.height {
            mode = preset
        } else if width >= 160, height >= 40 {
            mode = .wide
        } else if width >= 80, height >= 20 {
            mode = .grid
        } else if width < 80, height >= 26 {
            mode = .stacked
        } else if width >= 80 {
            mode = .strip
        } else {
            mode = .compact
        }
        let visible = shown.isEmpty ? Set(PaneID.allCases) : shown
        var panes: [PaneID: Rect] = [:]
        switch mode {
        case .wide:
            var rest = body
            if visible.contains(.cpu) {
                let (top, below) = body.splitTop(max(8, body.height * 30 / 100))
                panes[.cpu] = top
                rest = below
            }
            let column = [PaneID.memory, .disk, .network].filter(visible.contains)
            var left = rest
            if visible.contains(.processes) {
                if column.isEmpty {
                    panes[.processes] = rest
                } else {
                    let (l, right) = rest.splitLeft(rest.width * 45 / 100)
                    left = l
                    panes[.processes] = right
                }
            }
            if !column.isEmpty { place(column.map { Row([$0], percent: 1, minimum: 0) }, in: left, equal: true, into: &panes) }
        case .grid:
            place([
                Row([.cpu, .memory], widths: [58, 42], percent: 32, minimum: 6),
                Row([.disk, .network], widths: [50, 50], percent: 26, minimum: 5),
                Row([.processes], percent: 42, minimum: 0),
            ], in: body, visible: visible, into: &panes)
        case .stacked:
            place([
                Row([.cpu], percent: 22, minimum: 5), Row([.memory], percent: 15, minimum: 4), Row([.disk], percent: 13, minimum: 4),
                Row([.network], percent: 15, minimum: 4), Row([.processes], percent: 35, minimum: 0),
            ], in: body, visible: visible, into: &panes)
        case .strip:
            // Three graph panes side by side; disk only takes a place another hidden pane left free.
            let top = Array([PaneID.cpu, .memory, .network, .disk].filter(visible.contains).prefix(3))
            place([
                Row(top, widths: [40, 30, 30].prefix(top.count).map { $0 }, percent: 50, minimum: 4), Row([.processes], percent: 50, minimum: 0),
            ], in: body, visible: visible, into: &panes)
        case .compact, .tooSmall:
            // Two small panes over the processes, the most important shown ones first.
            let top = Array([PaneID.cpu, .memory, .network, .disk].filter(visible.contains).prefix(2))
            place([Row(top, widths: top.map { _ in 50 }, percent: 50, minimum: 4), Row([.processes], percent: 50, minimum: 0)],
                  in: body, visible: visible, into: &panes)
        }
        var layout = DashboardLayout(mode: mode, status: status, panes: panes.filter { !$0.value.isEmpty })
        if bannerRows > 0 { layout.banner = Rect(x: 0, y: 1, width: width, height: 1) }
        return layout
    }

    /// One band of the layout: panes side by side with width shares, a height share of the body.
    struct Row {
        var panes: [PaneID]
        var widths: [Int]
        var percent: Int
        var minimum: Int

        init(_ panes: [PaneID], widths: [Int]? = nil, percent: Int, minimum: Int) {
            self.panes = panes
            self.widths = widths ?? panes.map { _ in 1 }
            self.percent = percent
            self.minimum = minimum
        }
    }

    /// Lays rows top to bottom: each but the last takes its share of the height (shares rescaled
    /// over the rows still shown, never below its minimum), the last takes the rest. In a row, each
    /// pane but the last takes its share of the width still free.
    private static func place(_ all: [Row], in body: Rect, visible: Set<PaneID> = Set(PaneID.allCases), equal: Bool = false, into panes: inout [PaneID: Rect]) {
        let rows: [Row] = all.compactMap { row in
            let kept = zip(row.panes, row.widths).filter { visible.contains($0.0) }
            guard !kept.isEmpty else { return nil }
            var r = row
            r.panes = kept.map(\.0)
            r.widths = kept.map(\.1)
            return r
        }
        let total = max(1, rows.reduce(0) { $0 + $1.percent })
        var rest = body
        for (index, row) in rows.enumerated() {
            let band: Rect
            if index == rows.count - 1 {
                band = rest
            } else {
                let share = equal ? body.height / rows.count : body.height * row.percent / total
                (band, rest) = rest.splitTop(max(row.minimum, share))
            }
            var free = band
            var remaining = row.widths.reduce(0, +)
            for (i, pane) in row.panes.enumerated() {
                if i == row.panes.count - 1 {
                    panes[pane] = free
                } else {
                    let (cell, after) = free.splitLeft(free.width * row.widths[i] / max(1, remaining))
                    panes[pane] = cell
                    free = after
                    remaining -= row.widths[i]
                }
            }
        }
    }
}
