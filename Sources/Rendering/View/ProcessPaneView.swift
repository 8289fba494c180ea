/// Processes pane: the table as ordered and filtered by the model, scrolled to keep the selected
/// row in view (highlighted), and the selected process's detail line at the bottom.
public struct ProcessPaneView {
    var palette: Palette

    /// The table's columns for the chosen `columns`, in their order.
    public static func tableColumns(_ columns: [ProcessColumn]) -> [Table.Column] {
        columns.map { Table.Column($0.title, width: $0.width, alignRight: $0.alignRight, keep: $0.keep) }
    }

    /// The names keep this width before a figure's column goes (a name cut to a few letters
    /// names nothing: `kworker/0:1-ev` already needs 14).
    public static let nameMinimum = 16

    /// The command column shows command lines from this width, the bare name below it.
    public static let commandLineWidth = 24

    /// The column whose header is at `x` (counted from the table's left edge), if any.
    public static func column(atX x: Int, columns: [ProcessColumn], width: Int) -> ProcessColumn? {
        var left = 0
        for (column, w) in zip(columns, Table(columns: tableColumns(columns), rows: [], flexibleMinimum: Self.nameMinimum).layout(totalWidth: width)) {
            guard let w else { continue }
            if x >= left, x < left + w + 1 { return column }
            left += w + 1
        }
        return nil
    }

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
        var columns = Self.tableColumns(processes.columns)
        let widths = Table(columns: columns, rows: [], flexibleMinimum: Self.nameMinimum).layout(totalWidth: table.width)
        let commandIndex = processes.columns.firstIndex(of: .command)
        let commandLines = commandIndex.flatMap { widths[$0] }.map { $0 >= Self.commandLineWidth } ?? false
        if let commandIndex, !commandLines { columns[commandIndex].title = "NAME" }
        if let sortColumn = processes.columns.firstIndex(where: { $0.sort == processes.sort }) {
            // The ordering column is marked as htop marks it: ▼ most first (▲ reversed).
            let mark = processes.reversed != [.pid, .name, .user].contains(processes.sort) ? "▲" : "▼"
            columns[sortColumn].title = columns[sortColumn].alignRight ? mark + columns[sortColumn].title : columns[sortColumn].title + mark
        }
        let rows = shown.map { p in processes.columns.map { $0.text(p, commandLines: commandLines) } }
        if let selected = processes.selectedIndex, selected >= offset, selected < offset + shown.count {
            let y = table.y + 1 + selected - offset
            for x in table.x..<table.maxX { canvas[x, y] = Cell(" ", style: palette.selected) }
        }
        Table(columns: columns, rows: Array(rows), flexibleMinimum: Self.nameMinimum).render(in: table, into: &canvas, headerStyle: palette.header) { i in
            if processes.selectedIndex == offset + i { return palette.selected }
            let cpu = shown[shown.startIndex + i].cpuPercent ?? 0
            return cpu >= 1 ? palette.gradient(.process, min(cpu / 100, 1)) : palette.text
        }
        return shown.map(\.pid)
    }
}
