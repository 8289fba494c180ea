import Rendering
import TerminalBackend

/// Keys about the process table: selection, order, filter, follow.
enum ProcessKeys {
    /// Handles `key` if it is a process-table key; false otherwise.
    static func handle(_ key: Key, _ next: inout AppState) -> Bool {
        let page = max(1, pageSize(next))
        switch key {
        case .down: move(&next) { $0 + 1 }
        case .up: move(&next) { $0 - 1 }
        case .pageDown: move(&next) { $0 + page }
        case .pageUp: move(&next) { $0 - page }
        case .home: move(&next) { _ in 0 }
        case .end: move(&next) { _ in Int.max / 2 }
        case .character(">"): next.sort = next.sort.next
        case .character("<"): next.sort = next.sort.previous
        case .character("f"): next.follow.toggle()
        case .character("t"): next.tree.toggle()
        case .character("c"): next.containers.toggle()
        case .character("k"): SignalKeys.open(&next)
        case .character("/"):
            next.editingFilter = true
        case .escape:
            next.selection = nil
            next.filter = ""
            next.editingFilter = false
        default:
            return false
        }
        return true
    }

    /// While the filter is being typed: text edits it, Enter keeps it, Esc drops it. Other keys
    /// (arrows) fall through to the table.
    static func filterEdit(_ key: Key, _ next: inout AppState) -> Bool {
        switch key {
        case let .character(c) where !c.isNewline:
            if next.filter.count < 64 { next.filter.append(c) }
        case .backspace:
            if !next.filter.isEmpty { next.filter.removeLast() }
        case .enter:
            next.editingFilter = false
        case .escape:
            next.filter = ""
            next.editingFilter = false
        default:
            return false
        }
        next.selection = next.selection.map { ProcessSelection(index: 0, pid: $0.pid, moved: true) }
        return true
    }

    /// Moves the selection (the first move selects the top row); keys and the mouse wheel.
    static func move(_ next: inout AppState, _ to: (Int) -> Int) {
        let current = next.selection?.index ?? -1
        let index = next.selection == nil ? 0 : max(0, to(current))
        next.selection = ProcessSelection(index: index, pid: next.selection?.pid, moved: true)
    }

    /// Rows the process pane shows at this size (for PgUp/PgDn).
    static func pageSize(_ state: AppState) -> Int {
        let layout = DashboardLayout.compute(width: state.width, height: state.height, shown: state.shownPanes, preset: state.layoutPreset)
        return (layout.panes[.processes]?.height ?? 0) - 4
    }
}
