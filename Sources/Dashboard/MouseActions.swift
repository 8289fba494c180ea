import Rendering
import TerminalBackend

/// Mouse in the process pane: a click on the header orders by that column (again: reversed), a click on a row
/// selects it, the wheel moves the selection three rows. A click in a graph pane (CPU, memory,
/// disk, network) moves the time-travel cursor to the moment under it: graphs end at the pane's
/// right edge, one tick a cell (two in the braille CPU graph) when live, the window over the
/// pane's width when zoomed. Computed from the same layout the view draws, so the reducer stays pure.
enum MouseActions {
    static func handle(_ event: MouseEvent, _ next: inout AppState) {
        let layout = DashboardLayout.compute(width: next.width, height: next.paneHeight, shown: next.shownPanes, preset: next.layoutPreset)
        if event.kind == .click, let (graph, rect) = layout.panes.first(where: { $0.key != .processes && Self.inside(event, $0.value) }) {
            jump(to: event, in: rect, pane: graph, &next)
            return
        }
        guard let pane = layout.panes[.processes], pane.width > 2, pane.height > 3,
              event.x > pane.x, event.x < pane.maxX - 1, event.y > pane.y, event.y < pane.maxY - 1 else { return }
        let interior = Rect(x: pane.x + 1, y: pane.y + 1, width: pane.width - 2, height: pane.height - 2)
        switch event.kind {
        case .wheelUp: ProcessKeys.move(&next) { $0 - 3 }
        case .wheelDown: ProcessKeys.move(&next) { $0 + 3 }
        case .click:
            if event.y == interior.y {
                // A header orders by its column; the same header again reverses the order.
                guard let column = ProcessPaneView.column(atX: event.x - interior.x, columns: next.columns, width: interior.width),
                      let sort = column.sort else { return }
                if next.sort == sort { next.sortReversed.toggle() } else { (next.sort, next.sortReversed) = (sort, false) }
            } else if !next.containers {
                let visible = ProcessPaneView.visibleRows(height: interior.height, hasDetail: next.selection != nil)
                let row = event.y - interior.y - 1
                guard row < visible else { return }
                let offset = ProcessPaneView.scrollOffset(selected: next.selection?.index, visible: visible)
                next.selection = ProcessSelection(index: offset + row, pid: nil, moved: true)
            }
        }
    }

    static func inside(_ event: MouseEvent, _ pane: Rect) -> Bool {
        pane.width > 2 && pane.height > 2 && event.x > pane.x && event.x < pane.maxX - 1 && event.y > pane.y && event.y < pane.maxY - 1
    }

    /// The cursor to the moment under a click in a graph pane.
    static func jump(to event: MouseEvent, in pane: Rect, pane id: PaneID, _ next: inout AppState) {
        guard let now = next.snapshot?.time else { return }
        let right = pane.maxX - 2
        let cells = Double(right - event.x)
        let width = Double(max(1, pane.width - 2))
        let perCell = next.window.seconds.map { $0 / width } ?? next.interval * (id == .cpu && next.brailleGraph ? 2 : 1)
        let end = next.cursor ?? now
        let t = end - cells * perCell
        next.cursor = t >= now - next.interval / 2 ? nil : t
    }
}
