/// Disk pane: each real filesystem's usage, mounts that do not answer, then per-disk rates,
/// IOPS, busy % and average wait.
struct DiskPaneView {
    var palette: Palette

    func render(_ disk: DashboardModel.Disk, in rect: Rect, into canvas: inout Canvas) {
        guard !rect.isEmpty else { return }
        var y = rect.y
        // Devices keep at least one row (a third of the pane when it is tall); unavailable mounts are
        // never hidden behind healthy ones; filesystems get the rest.
        let deviceRows = min(disk.devices.count, max(1, rect.height / 3), rect.height)
        let unavailableRows = min(disk.unavailable.count, rect.height - deviceRows)
        let fsRows = min(disk.filesystems.count, rect.height - deviceRows - unavailableRows)
        // Rows to spare under the devices go to read/write graphs, shared out between the devices.
        let spare = rect.height - fsRows - unavailableRows - deviceRows
        let graphRows = deviceRows > 0 && spare >= deviceRows ? spare / deviceRows : 0
        let labels = disk.filesystems.prefix(fsRows).map(\.mountPoint) + disk.unavailable.prefix(unavailableRows).map(\.mountPoint)
        let labelWidth = min(max(labels.map { CharacterWidth.of($0) }.max() ?? 1, 4), max(4, rect.width / 3))
        for fs in disk.filesystems.prefix(fsRows) {
            let value = Format.bytes(fs.used) + "/" + Format.bytes(fs.size) + " " + Format.fit(Format.percent(fs.fraction * 100), 4, right: true)
            Meter(label: fs.mountPoint, fraction: fs.fraction, valueText: value)
                .render(in: Rect(x: rect.x, y: y, width: rect.width, height: 1), into: &canvas, labelWidth: labelWidth,
                        labelStyle: palette.text, barStyle: palette.gradient(.used, fs.fraction), trackStyle: palette.track, valueStyle: palette.text)
            y += 1
        }
        for (mountPoint, reason) in disk.unavailable.prefix(unavailableRows) {
            let x = rect.x + canvas.write(Format.fit(mountPoint, labelWidth), x: rect.x, y: y, style: palette.text)
            canvas.write(" ! " + reason, x: x, y: y, style: palette.warning, maxWidth: rect.maxX - x)
            y += 1
        }
        for device in disk.devices.prefix(deviceRows) where y < rect.maxY {
            deviceRow(device, x: rect.x, y: y, width: rect.width, into: &canvas)
            y += 1
            if graphRows > 0 {
                graphs(device, in: Rect(x: rect.x, y: y, width: rect.width, height: min(graphRows, rect.maxY - y)), into: &canvas)
                y += graphRows
            }
        }
        if disk.filesystems.isEmpty, disk.devices.isEmpty, disk.unavailable.isEmpty, disk.error == nil {
            canvas.write("no filesystems", x: rect.x, y: rect.y, style: palette.dim, maxWidth: rect.width)
        }
    }

    /// Reads on the left half, writes on the right, on one scale (at least 1 KiB/s).
    private func graphs(_ device: DashboardModel.Device, in rect: Rect, into canvas: inout Canvas) {
        guard rect.width >= 9, rect.height > 0 else { return }
        let half = (rect.width - 1) / 2
        let read = device.readHistory.fitted(to: half), write = device.writeHistory.fitted(to: rect.width - half - 1)
        let folded = !device.readHistory.perTick
        let top = max((read.mean + write.mean + (folded ? read.max + write.max : [])).compactMap { $0 }.max() ?? 0, 1024)
        let left = Rect(x: rect.x, y: rect.y, width: half, height: rect.height)
        let right = Rect(x: rect.x + half + 1, y: rect.y, width: rect.width - half - 1, height: rect.height)
        Sparkline(values: read.mean, maximum: top, whiskers: folded ? read.max : nil, whiskerStyle: palette.dim)
            .render(in: left, into: &canvas) { palette.gradient(.download, $0) }
        Sparkline(values: write.mean, maximum: top, whiskers: folded ? write.max : nil, whiskerStyle: palette.dim)
            .render(in: right, into: &canvas) { palette.gradient(.upload, $0) }
        GraphLabel.write(["read, top " + Format.rate(top), "read " + Format.rate(top), "read"], in: left, style: palette.dim, into: &canvas)
        GraphLabel.write(["write"], in: right, style: palette.dim, into: &canvas)
    }

    /// `nvme0n1  R   50M/s  W  7.0M/s  120 io/s  busy 35%  1.2ms`, as much as fits.
    private func deviceRow(_ device: DashboardModel.Device, x: Int, y: Int, width: Int, into canvas: inout Canvas) {
        let end = x + width
        var x = x
        func put(_ text: String, _ style: Style) {
            guard CharacterWidth.of(text) <= end - x else { return }
            x += canvas.write(text, x: x, y: y, style: style)
        }
        put(Format.fit(device.name, 8), palette.text)
        put(" R ", palette.dim)
        put(Format.fit(Format.rate(device.readPerSecond), 9, right: true), palette.text)
        put("  W ", palette.dim)
        put(Format.fit(Format.rate(device.writePerSecond), 9, right: true), palette.text)
        if let ops = device.operationsPerSecond { put("  " + Format.count(ops) + " io/s", palette.graphText) }
        if let busy = device.busyFraction { put("  busy " + Format.percent(busy * 100), busy > 0.8 ? palette.warning : palette.graphText) }
        if let wait = device.averageWaitMilliseconds { put("  " + Format.fixed(wait, 1) + "ms", palette.graphText) }
    }
}
