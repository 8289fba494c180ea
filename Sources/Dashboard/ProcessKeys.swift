import Rendering
import TerminalBackend

/// Keys about the process table: selection, order, filter, follow, and acting on the selected
/// process (htop's keys among them).
enum ProcessKeys {
    /// Handles `key` if it is a process-table key; false otherwise.
    static func handle(_ key: Key, _ next: inout AppState, _ effects: inout [AppEffect]) -> Bool {
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
        case .character("P"): order(.cpu, &next)
        case .character("M"): order(.memory, &next)
        case .character("T"): order(.time, &next)
        case .character("I"):
            next.sortReversed.toggle()
            next.flash = "order: " + next.sort.label + (next.sortReversed ? ", reversed" : "")
        case .character("K"):
            next.hideKernelThreads.toggle()
            next.flash = next.hideKernelThreads ? "kernel threads hidden (K shows them)" : "kernel threads shown"
        case .character("H"):
            next.flash = "H: vitals lists processes, not their threads; THR counts each one's threads"
        case .character("u"): userFilter(&next)
        case .character("*"): fold(&next)
        case .function(7): act(&next, &effects, live: true) { .renice($0, by: -1) }
        case .function(8): act(&next, &effects, live: true) { .renice($0, by: 1) }
        case .character("e"): act(&next, &effects, live: false) { .inspect($0, .environment) }
        case .character("l"): act(&next, &effects, live: false) { .inspect($0, .openFiles) }
        case .function(2):
            next.overlay = .columns(selected: 0, before: next.columns)
            next.overlayOffset = 0
        case .character("/"):
            next.editingFilter = true
        case .escape:
            next.selection = nil
            next.userFilter = nil
            next.filter = ""
            next.editingFilter = false
        default:
            return false
        }
        return true
    }

    /// htop's `P`, `M`, `T`: this order, most first.
    private static func order(_ sort: ProcessSort, _ next: inout AppState) {
        next.sort = sort
        next.sortReversed = false
    }

    /// `u`: only the selected process's owner; again, everyone.
    private static func userFilter(_ next: inout AppState) {
        if let user = next.userFilter {
            next.userFilter = nil
            next.flash = "every user's processes (was \(user)'s only)"
            return
        }
        guard let pid = next.selection?.pid, let process = next.snapshot?.processes?.first(where: { $0.pid == pid }) else {
            next.flash = "u: select a process first (↑ ↓); its user's processes are then listed alone"
            return
        }
        let user = process.user ?? String(process.uid)
        next.userFilter = user
        next.flash = "only \(user)'s processes (u again: everyone)"
    }

    /// `*` in the tree view: the selected process's children folded away, or back.
    private static func fold(_ next: inout AppState) {
        guard next.tree else {
            next.flash = "*: folds a subtree in the tree view (t first)"
            return
        }
        guard let pid = next.selection?.pid else {
            next.flash = "*: select a process first (↑ ↓)"
            return
        }
        if next.collapsed.remove(pid) == nil { next.collapsed.insert(pid) }
    }

    /// A key that acts on the selected process: refused with a reason when there is none, when
    /// the panes are another host's or a recording, and (`live`) when they show the past or the
    /// dashboard is read-only.
    private static func act(_ next: inout AppState, _ effects: inout [AppEffect], live: Bool, _ effect: (ProcessTarget) -> AppEffect) {
        if next.foreignFeed {
            next.flash = "this host's processes only (" + next.readOnlyReason + ")"
            return
        }
        if live, next.readOnly {
            next.flash = "read-only: processes are left alone (" + next.readOnlyReason + ")"
            return
        }
        guard next.cursor == nil else {
            next.flash = "live processes only: Esc returns to live"
            return
        }
        guard let target = next.selectedTarget else {
            next.flash = "select a process first (↑ ↓)"
            return
        }
        effects.append(effect(target))
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
        let layout = DashboardLayout.compute(width: state.width, height: state.paneHeight, shown: state.shownPanes, preset: state.layoutPreset)
        return (layout.panes[.processes]?.height ?? 0) - 4
    }
}
