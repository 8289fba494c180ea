/// Processes pane: the top processes by CPU, as many as fit.
struct ProcessPaneView {
    var palette: Palette

    static let columns: [Table.Column] = [
        .init("PID", width: 7, alignRight: true), .init("USER", width: 9), .init("CPU%", width: 5, alignRight: true),
        .init("MEM%", width: 5, alignRight: true), .init("RSS", width: 6, alignRight: true), .init("IO/s", width: 6, alignRight: true),
        .init("NAME", width: nil),
    ]

    func render(_ processes: DashboardModel.Processes, in rect: Rect, into canvas: inout Canvas) {
        guard !rect.isEmpty else { return }
        let rows = processes.rows.prefix(max(0, rect.height - 1)).map { p in
            [String(p.pid), p.user, Format.percent(p.cpuPercent), Format.percent(p.memoryPercent), Format.bytes(p.residentBytes),
             p.ioBytesPerSecond.map(Format.bytes) ?? "-", p.name]
        }
        let shown = processes.rows.prefix(rows.count)
        Table(columns: Self.columns, rows: Array(rows)).render(in: rect, into: &canvas, headerStyle: palette.header) { i in
            let cpu = shown[shown.startIndex + i].cpuPercent ?? 0
            return cpu >= 1 ? palette.gradient(.process, min(cpu / 100, 1)) : palette.text
        }
    }
}
