/// Processes pane: the table as ordered and filtered by the model, scrolled to keep the selected
/// row in view (highlighted), and the selected process's detail line at the bottom.
public struct ProcessPaneView {
    var palette: Palette

    public static let columns: [Table.Column] = [
        .init("PID", width: 7, alignRight: true), .init("USER", width: 9), .init("CPU%", width: 5, alignRight: true),
        .init("MEM%", width: 5, alignRight: true), .init("RSS", width: 6, alignRight: true), .init("IO/s", width: 6, alignRight: true),
        .init("NAME", width: nil),
    ]

    /// The first row shown when `selected` must be visible in `visible` rows.
    public static func scrollOffset(selected: Int?, visible: Int) -> Int {
        guard let selected, visible > 0 else { return 0 }
        return max(0, selected - visible + 1)
    }

    /// Table rows that fit in a pane interior of `height` rows (header and detail line taken out).
    public static func visibleRows(height: Int, hasDetail: Bool) -> Int {
        max(0, height - 1 - (hasDetail && height >= 4 ? 1 : 0))
    }

    /// Draws the table; returns the pids of the rows it drew (the collectors read command lines and
    /// I/O for those only).
    @discardableResult
    func render(_ processes: DashboardModel.Processes, in rect: Rect, into canvas: inout Canvas) -> [Int32] {
        guard !rect.isEmpty else { return [] }
        var table = rect
        if let detail = processes.detail, rect.height >= 4 {
            let line: Rect
            (table, line) = rect.splitTop(rect.height - 1)
            canvas.write(detail, x: line.x, y: line.y, style: palette.highlight, maxWidth: line.width)
        }
        let visible = max(0, table.height - 1)
        let offset = Self.scrollOffset(selected: processes.selectedIndex, visible: visible)
        let shown = processes.rows.dropFirst(offset).prefix(visible)
        let rows = shown.map { p in
            [String(p.pid), p.user, Format.percent(p.cpuPercent), Format.percent(p.memoryPercent), Format.bytes(p.residentBytes),
             p.ioBytesPerSecond.map(Format.bytes) ?? "-", p.treePrefix + p.name]
        }
        if let selected = processes.selectedIndex, selected >= offset, selected < offset + shown.count {
            let y = table.y + 1 + selected - offset
            for x in table.x..<table.maxX { canvas[x, y] = Cell(" ", style: palette.selected) }
        }
        Table(columns: Self.columns, rows: Array(rows)).render(in: table, into: &canvas, headerStyle: palette.header) { i in
            if processes.selectedIndex == offset + i { return palette.selected }
            let cpu = shown[shown.startIndex + i].cpuPercent ?? 0
            return cpu >= 1 ? palette.gradient(.process, min(cpu / 100, 1)) : palette.text
        }
        return shown.map(\.pid)
    }
}
