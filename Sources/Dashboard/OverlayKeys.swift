import Rendering
import TerminalBackend

/// Keys while something is over the screen (help, the message log, an environment, open files,
/// the column chooser): ↑↓ PgUp PgDn Home End scroll, any other key closes. The column chooser
/// takes Space and Enter to show or hide a column; closing it saves the columns.
enum OverlayKeys {
    static func handle(_ key: Key, _ next: inout AppState, _ effects: inout [AppEffect]) {
        if case let .columns(selected, before) = next.overlay {
            columnKey(key, selected: selected, before: before, &next, &effects)
            return
        }
        let page = max(1, next.height - 4)
        switch key {
        case .up: next.overlayOffset = max(0, next.overlayOffset - 1)
        case .down: next.overlayOffset += 1
        case .pageUp: next.overlayOffset = max(0, next.overlayOffset - page)
        case .pageDown: next.overlayOffset += page
        case .home: next.overlayOffset = 0
        case .end: next.overlayOffset = Int.max / 2
        default: close(&next, &effects)
        }
    }

    /// Closes what is open; the column chooser saves as it closes.
    static func close(_ next: inout AppState, _ effects: inout [AppEffect]) {
        if case let .columns(_, before) = next.overlay, before != next.columns { effects.append(.saveColumns(next.columns)) }
        next.overlay = nil
        next.overlayOffset = 0
    }

    /// F2: ↑↓ choose a column, Space or Enter shows or hides it (the command stays), Esc, q or F2
    /// close and save.
    private static func columnKey(_ key: Key, selected: Int, before: [ProcessColumn], _ next: inout AppState, _ effects: inout [AppEffect]) {
        let all = ProcessColumn.allCases
        switch key {
        case .up: next.overlay = .columns(selected: max(0, selected - 1), before: before)
        case .down: next.overlay = .columns(selected: min(all.count - 1, selected + 1), before: before)
        case .character(" "), .enter:
            next.columns = toggled(all[selected], in: next.columns)
        case .escape, .character("q"), .function(2):
            close(&next, &effects)
        default:
            break
        }
    }

    /// `columns` with `column` hidden, or shown where the standard order puts it among the others.
    static func toggled(_ column: ProcessColumn, in columns: [ProcessColumn]) -> [ProcessColumn] {
        guard column != .command else { return columns }
        if columns.contains(column) { return columns.filter { $0 != column } }
        let rank = ProcessColumn.allCases.firstIndex(of: column)!
        let at = columns.firstIndex { ProcessColumn.allCases.firstIndex(of: $0)! > rank } ?? columns.count
        var out = columns
        out.insert(column, at: at)
        return out
    }
}
