/// Network pane: per interface, receive (▼) and transmit (▲) rates, with sparklines when rows allow.
struct NetworkPaneView {
    var palette: Palette

    func render(_ network: DashboardModel.Network, in rect: Rect, into canvas: inout Canvas) {
        guard !rect.isEmpty else { return }
        if network.interfaces.isEmpty {
            if network.error == nil { canvas.write("no interfaces", x: rect.x, y: rect.y, style: palette.dim, maxWidth: rect.width) }
            return
        }
        // Each interface gets one text row; the TCP line takes the bottom row when one is left; the
        // remaining rows become rx/tx graphs, shared out in order.
        let count = min(network.interfaces.count, rect.height)
        let tcpRow = !network.tcpStates.isEmpty && rect.height > count
        let graphRowsEach = count > 0 ? (rect.height - count - (tcpRow ? 1 : 0)) / count : 0
        if tcpRow {
            let text = "tcp " + Format.fitting(network.tcpStates.map { $0.label + " " + String($0.count) }, width: rect.width - 4)
            canvas.write(text, x: rect.x, y: rect.maxY - 1, style: palette.graphText, maxWidth: rect.width)
        }
        var y = rect.y
        for nic in network.interfaces.prefix(count) {
            writeRates(nic, x: rect.x, y: y, width: rect.width, into: &canvas)
            y += 1
            guard graphRowsEach > 0 else { continue }
            let receive = nic.receiveHistory.fitted(to: rect.width), transmit = nic.transmitHistory.fitted(to: rect.width)
            let folded = !nic.receiveHistory.perTick
            // Both directions on one scale (auto, at least 1 KiB/s), whiskers included when zoomed out.
            let top = max((receive.mean + transmit.mean + (folded ? receive.max + transmit.max : [])).compactMap { $0 }.max() ?? 0, 1024)
            let rxRows = (graphRowsEach + 1) / 2, txRows = graphRowsEach - rxRows
            let rx = Rect(x: rect.x, y: y, width: rect.width, height: rxRows)
            Sparkline(values: receive.mean, maximum: top, whiskers: folded ? receive.max : nil, whiskerStyle: palette.dim)
                .render(in: rx, into: &canvas) { palette.gradient(.download, $0) }
            // The scale at the graph's top left, as btop writes it: the rate a full column stands for.
            GraphLabel.write(["rx ▼ top " + Format.rate(top), "▼ " + Format.rate(top), "rx ▼"], in: rx, style: palette.dim, into: &canvas)
            y += rxRows
            if txRows > 0 {
                let tx = Rect(x: rect.x, y: y, width: rect.width, height: txRows)
                Sparkline(values: transmit.mean, maximum: top, whiskers: folded ? transmit.max : nil, whiskerStyle: palette.dim)
                    .render(in: tx, into: &canvas) { palette.gradient(.upload, $0) }
                GraphLabel.write(["tx ▲"], in: tx, style: palette.dim, into: &canvas)
                y += txRows
            }
        }
    }

    /// `eth0     ▼  1.2M/s  ▲  300K/s` when there is room; `eth0 ▼1.2M/s ▲300K/s` in narrow panes.
    private func writeRates(_ nic: DashboardModel.Interface, x: Int, y: Int, width: Int, into canvas: inout Canvas) {
        let wide = width >= 36
        let end = x + width
        var x = x
        let rx = Format.rate(nic.receivePerSecond), tx = Format.rate(nic.transmitPerSecond)
        x += canvas.write(wide ? Format.fit(nic.name, 8) : nic.name, x: x, y: y, style: nic.isDown ? palette.warning : palette.text, maxWidth: end - x)
        if nic.isDown {
            canvas.write(" link down", x: x, y: y, style: palette.warning, maxWidth: end - x)
            return
        }
        x += canvas.write(wide ? " ▼ " : " ▼", x: x, y: y, style: palette.gradient(.download, 1), maxWidth: end - x)
        x += canvas.write(wide ? Format.fit(rx, 9, right: true) : rx, x: x, y: y, style: palette.text, maxWidth: end - x)
        x += canvas.write(wide ? "  ▲ " : " ▲", x: x, y: y, style: palette.gradient(.upload, 1), maxWidth: end - x)
        x += canvas.write(wide ? Format.fit(tx, 9, right: true) : tx, x: x, y: y, style: palette.text, maxWidth: end - x)
        // Errors and drops only when there are any: a non-zero figure here is news.
        var trouble: [String] = []
        if let e = nic.errorsPerSecond, e > 0 { trouble.append("err " + Format.count(e) + "/s") }
        if let d = nic.dropsPerSecond, d > 0 { trouble.append("drop " + Format.count(d) + "/s") }
        if !trouble.isEmpty, end - x > 3 {
            let text = Format.fitting(trouble, separator: " ", width: end - x - 2)
            canvas.write("  " + (text.isEmpty ? "!" : text), x: x, y: y, style: palette.warning, maxWidth: end - x)
        }
    }
}
