import Rendering
import TerminalBackend

/// Mouse in the process pane: a click on the header orders by that column, a click on a row
/// selects it, the wheel moves the selection three rows. Computed from the same layout the view
/// draws, so the reducer stays pure.
enum MouseActions {
    /// The order each column header sets (RSS orders by memory).
    static let columnSorts: [ProcessSort] = [.pid, .user, .cpu, .memory, .memory, .io, .name]

    static func handle(_ event: MouseEvent, _ next: inout AppState) {
        let layout = DashboardLayout.compute(width: next.width, height: next.height, shown: next.shownPanes, preset: next.layoutPreset)
        guard let pane = layout.panes[.processes], pane.width > 2, pane.height > 3,
              event.x > pane.x, event.x < pane.maxX - 1, event.y > pane.y, event.y < pane.maxY - 1 else { return }
        let interior = Rect(x: pane.x + 1, y: pane.y + 1, width: pane.width - 2, height: pane.height - 2)
        switch event.kind {
        case .wheelUp: ProcessKeys.move(&next) { $0 - 3 }
        case .wheelDown: ProcessKeys.move(&next) { $0 + 3 }
        case .click:
            if event.y == interior.y {
                let widths = Table(columns: ProcessPaneView.columns, rows: []).layout(totalWidth: interior.width)
                var x = interior.x
                for (column, width) in widths.enumerated() {
                    guard let width else { break }
                    if event.x >= x, event.x < x + width + 1 {
                        next.sort = columnSorts[column]
                        return
                    }
                    x += width + 1
                }
            } else if !next.containers {
                let visible = ProcessPaneView.visibleRows(height: interior.height, hasDetail: next.selection != nil)
                let row = event.y - interior.y - 1
                guard row < visible else { return }
                let offset = ProcessPaneView.scrollOffset(selected: next.selection?.index, visible: visible)
                next.selection = ProcessSelection(index: offset + row, pid: nil, moved: true)
            }
        }
    }
}
