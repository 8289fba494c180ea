/// The banner row: firing alerts, most severe first, each with its age and how many label sets fire.
/// The alert engine fills `DashboardModel.alerts`; until it lands the row stays away.
struct AlertBannerView {
    var palette: Palette

    func render(_ alerts: [DashboardModel.BannerAlert], in rect: Rect, into canvas: inout Canvas) {
        guard !rect.isEmpty, !alerts.isEmpty else { return }
        let ordered = alerts.sorted { ($0.severity.rank, $1.age) > ($1.severity.rank, $0.age) }
        let style = palette.banner(ordered[0].severity)
        for x in rect.x..<rect.maxX { canvas[x, rect.y] = Cell(" ", style: style) }
        var x = rect.x
        for (i, alert) in ordered.enumerated() {
            let text = (i == 0 ? " ▲ " : "  ·  ") + alert.severity.label + " " + alert.name
                + (alert.count > 1 ? " ×\(alert.count)" : "") + " " + Format.age(alert.age)
            guard CharacterWidth.of(text) <= rect.maxX - x - 1 else {
                let more = " +\(ordered.count - i) more"
                if CharacterWidth.of(more) <= rect.maxX - x { canvas.write(more, x: x, y: rect.y, style: style) }
                break
            }
            x += canvas.write(text, x: x, y: rect.y, style: i == 0 ? style : palette.banner(alert.severity))
        }
    }
}
