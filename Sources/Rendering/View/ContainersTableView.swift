/// The containers view (`c`): one row per cgroup — CPU, memory against its limit, I/O, processes.
struct ContainersTableView {
    var palette: Palette

    static let columns: [Table.Column] = [
        .init("CPU%", width: 6, alignRight: true), .init("MEM", width: 6, alignRight: true), .init("LIMIT", width: 6, alignRight: true),
        .init("USE%", width: 5, alignRight: true), .init("READ/s", width: 7, alignRight: true), .init("WRITE/s", width: 7, alignRight: true),
        .init("PROCS", width: 5, alignRight: true), .init("NAME", width: nil),
    ]

    func render(_ rows: [DashboardModel.ContainerRow], in rect: Rect, into canvas: inout Canvas) {
        guard !rect.isEmpty else { return }
        guard !rows.isEmpty else {
            canvas.write("no cgroups with processes (cgroup v2 not mounted?)", x: rect.x, y: rect.y, style: palette.dim, maxWidth: rect.width)
            return
        }
        let cells = rows.map { r -> [String] in
            var use = "-"
            if let used = r.memoryBytes, let limit = r.memoryLimitBytes, limit > 0 { use = Format.percent(Double(used) / Double(limit) * 100) }
            return [
                Format.percent(r.cpuPercent), r.memoryBytes.map(Format.bytes) ?? "-", r.memoryLimitBytes.map(Format.bytes) ?? "none",
                use, r.ioReadPerSecond.map(Format.bytes) ?? "-", r.ioWritePerSecond.map(Format.bytes) ?? "-", String(r.processes), r.name,
            ]
        }
        Table(columns: Self.columns, rows: cells).render(in: rect, into: &canvas, headerStyle: palette.header) { i in
            let r = rows[i]
            // Near its memory limit is what pages people: warn from 90 %.
            if let used = r.memoryBytes, let limit = r.memoryLimitBytes, limit > 0, Double(used) / Double(limit) >= 0.9 { return palette.warning }
            let cpu = r.cpuPercent ?? 0
            return cpu >= 1 ? palette.gradient(.process, min(cpu / 100, 1)) : palette.text
        }
    }
}
