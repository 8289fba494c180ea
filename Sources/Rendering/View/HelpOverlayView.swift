/// `?` or F1: every key, in a box over the middle of the screen; ↑↓ PgUp PgDn scroll it when it
/// does not fit, any other key closes it.
struct HelpOverlayView {
    var palette: Palette
    var glyphs: BoxGlyphs

    static let keys: [(String, String)] = [
        ("q  Ctrl-C  F10", "quit"),
        ("?  h  F1", "this help"),
        ("L", "message log: every status-line message of this run, in full"),
        ("R", "re-read the configuration file"),
        ("- +", "zoom the graphs out / in (live, 1m … 30d)"),
        ("1 … 5", "show / hide CPU, memory, disk, network, processes"),
        ("← → [ ]", "time travel: move back / forward along the graphs"),
        ("g", "go to a time (03:12, -2h, 2026-11-30 03:12); Esc: live"),
        ("m", "CPU graph by mode: user █ system ▓ iowait ▒ steal ░"),
        ("p", "next layout: auto, wide, grid, stacked, strip, compact"),
        ("space", "freeze / unfreeze the panes (history keeps recording)"),
        ("↑ ↓ PgUp PgDn", "select a process"),
        ("Home End", "first / last process"),
        ("< >  F6", "order by CPU, memory, I/O, CPU time, virtual memory, threads, nice, PID, name, user"),
        ("P M T", "order by CPU, memory, CPU time (htop's keys)"),
        ("I", "reverse the order"),
        ("/  F3  F4", "filter processes by name, command line or user"),
        ("Enter", "keep the filter being typed"),
        ("Esc", "clear the filter and the selection"),
        ("u", "only the selected process's user (u again: everyone)"),
        ("K", "hide / show kernel threads"),
        ("H", "threads: vitals lists processes; THR counts their threads"),
        ("f", "follow the selected process when the order changes"),
        ("t  F5", "processes as a tree"),
        ("*", "tree: fold / unfold the selected process's children"),
        ("c", "containers: services and containers (cgroups) instead of processes"),
        ("k  F9", "send a signal to the selected process (then y)"),
        ("F7 F8", "nice − / + for the selected process (lowering needs root)"),
        ("e", "environment of the selected process"),
        ("l", "open files of the selected process"),
        ("F2", "choose the process table's columns (saved to the configuration file)"),
        ("r", "attach: reconnect now"),
        ("a", "alerts: active and recent; s silences the selected one, u lifts its silence"),
        ("mouse", "click a header to sort (again: reverse), a row to select; the wheel scrolls"),
    ]

    /// The key list as an overlay scrolled to `offset`.
    static func overlay(offset: Int) -> DashboardModel.Overlay {
        DashboardModel.Overlay(title: "Keys", entries: keys.map { .init($0.0, $0.1) }, offset: offset, closeHint: "other keys close")
    }

    /// Draws the keys; returns the offset drawn.
    @discardableResult
    func render(offset: Int, in screen: Rect, into canvas: inout Canvas) -> Int {
        ListOverlayView(palette: palette, glyphs: glyphs).render(Self.overlay(offset: offset), in: screen, into: &canvas)
    }
}
