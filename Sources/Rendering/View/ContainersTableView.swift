/// The containers view (`c`): one row per cgroup — CPU, memory against its limit, I/O, processes.
struct ContainersTableView {
    var palette: Palette

    static let columns: [Table.Column] = [
        .init("CPU%", width: 6, alignRight: true), .init("MEM", width: 6, alignRight: true), .init("LIMIT", width: 6, alignRight: true),
        .init("USE%", width: 5, alignRight: true), .init("READ/s", width: 7, alignRight: true), .init("WRITE/s", width: 7, alignRight: true),
        .init("PROCS", width: 5, alignRight: true), .init("STATE", width: 10, keep: 90), .init("NAME", width: nil),
    ]

    /// `problem`: why the runtime's names and states are missing, on the pane's last row.
    func render(_ rows: [DashboardModel.ContainerRow], problem: String? = nil, in rect: Rect, into canvas: inout Canvas) {
        guard !rect.isEmpty else { return }
        var rect = rect
        if let problem, rect.height >= 3 {
            let line: Rect
            (rect, line) = rect.splitTop(rect.height - 1)
            canvas.write(problem, x: line.x, y: line.y, style: palette.dim, maxWidth: line.width)
        }
        guard !rows.isEmpty else {
            canvas.write("no cgroups with processes (cgroup v2 not mounted?)", x: rect.x, y: rect.y, style: palette.dim, maxWidth: rect.width)
            return
        }
        let cells = rows.map { r -> [String] in
            var use = "-"
            if let used = r.memoryBytes, let limit = r.memoryLimitBytes, limit > 0 { use = Format.percent(Double(used) / Double(limit) * 100) }
            return [
                Format.percent(r.cpuPercent), r.memoryBytes.map(Format.bytes) ?? "-", r.memoryLimitBytes.map(Format.bytes) ?? "none",
                use, r.ioReadPerSecond.map(Format.bytes) ?? "-", r.ioWritePerSecond.map(Format.bytes) ?? "-", String(r.processes), r.state ?? "-",
                r.name + (r.note.map { "  " + $0 } ?? ""),
            ]
        }
        Table(columns: Self.columns, rows: cells).render(in: rect, into: &canvas, headerStyle: palette.header) { i in
            let r = rows[i]
            // A container that died, exited non-zero or fails its health check: the alert colour.
            if r.failed { return palette.warning }
            // Near its memory limit is what pages people: warn from 90 %.
            if let used = r.memoryBytes, let limit = r.memoryLimitBytes, limit > 0, Double(used) / Double(limit) >= 0.9 { return palette.warning }
            let cpu = r.cpuPercent ?? 0
            return cpu >= 1 ? palette.gradient(.process, min(cpu / 100, 1)) : palette.text
        }
    }
}
