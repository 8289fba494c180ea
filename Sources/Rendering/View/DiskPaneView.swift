/// Disk pane: each real filesystem's usage, then read/write rates per whole disk.
struct DiskPaneView {
    var palette: Palette

    func render(_ disk: DashboardModel.Disk, in rect: Rect, into canvas: inout Canvas) {
        guard !rect.isEmpty else { return }
        var y = rect.y
        // Devices keep at least one row (a third of the pane when it is tall); filesystems get the rest.
        let deviceRows = min(disk.devices.count, max(1, rect.height / 3), rect.height)
        let fsRows = min(disk.filesystems.count, rect.height - deviceRows)
        let labelWidth = min(max(disk.filesystems.prefix(fsRows).map { CharacterWidth.of($0.mountPoint) }.max() ?? 1, 4), max(4, rect.width / 3))
        for fs in disk.filesystems.prefix(fsRows) {
            let value = Format.bytes(fs.used) + "/" + Format.bytes(fs.size) + " " + Format.fit(Format.percent(fs.fraction * 100), 4, right: true)
            Meter(label: fs.mountPoint, fraction: fs.fraction, valueText: value)
                .render(in: Rect(x: rect.x, y: y, width: rect.width, height: 1), into: &canvas, labelWidth: labelWidth,
                        labelStyle: palette.text, barStyle: palette.gradient(.used, fs.fraction), trackStyle: palette.track, valueStyle: palette.text)
            y += 1
        }
        for device in disk.devices.prefix(deviceRows) where y < rect.maxY {
            var x = rect.x
            x += canvas.write(Format.fit(device.name, 8), x: x, y: y, style: palette.text, maxWidth: rect.maxX - x)
            x += canvas.write(" R ", x: x, y: y, style: palette.dim, maxWidth: rect.maxX - x)
            x += canvas.write(Format.fit(Format.rate(device.readPerSecond), 9, right: true), x: x, y: y, style: palette.text, maxWidth: rect.maxX - x)
            x += canvas.write("  W ", x: x, y: y, style: palette.dim, maxWidth: rect.maxX - x)
            canvas.write(Format.fit(Format.rate(device.writePerSecond), 9, right: true), x: x, y: y, style: palette.text, maxWidth: rect.maxX - x)
            y += 1
        }
        if disk.filesystems.isEmpty, disk.devices.isEmpty, disk.error == nil {
            canvas.write("no filesystems", x: rect.x, y: rect.y, style: palette.dim, maxWidth: rect.width)
        }
    }
}
