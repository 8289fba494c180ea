import Rendering
import TerminalBackend

/// The dashboard's logic as a pure function: (state, event) → (state, effects). Tests drive it with
/// no terminal; the run loop carries out the effects.
public enum DashboardReducer {
    /// The next state, and what to do in the world (send a signal, silence an alert, reload).
    public static func step(_ state: AppState, _ event: AppEvent) -> (state: AppState, effects: [AppEffect]) {
        var next = state
        var effects: [AppEffect] = []
        switch event {
        case let .snapshot(snapshot):
            // Frozen: the panes keep the moment being read (the store still records every tick).
            if !state.frozen || state.snapshot == nil { next.snapshot = snapshot }
        case let .resize(width, height):
            next.width = max(0, width)
            next.height = max(0, height)
        case let .drawn(report):
            // The selection follows the table as drawn; the alerts list's cursor stays within it.
            if let selection = state.selection {
                next.selection = selection.reconciled(with: report.processPids, follow: state.follow)
            }
            if let offset = report.overlayOffset, state.overlay != nil { next.overlayOffset = offset }
            if var list = state.alertList {
                list.count = report.alertCount
                list.selected = min(list.selected, max(0, report.alertCount - 1))
                next.alertList = list
            }
        case let .configured(settings):
            next.sort = settings.sort
            next.interval = settings.interval
            next.shownPanes = settings.shownPanes
            next.layoutPreset = settings.layoutPreset
            next.readOnly = settings.readOnly
            next.brailleGraph = settings.brailleGraph
            next.columns = settings.columns
            next.keyBar = settings.keyBar
        case let .feed(reason, cursor, snapshot):
            next.foreignFeed = true
            next.readOnly = true
            next.readOnlyReason = reason
            next.cursor = cursor
            if let snapshot { next.snapshot = snapshot }
        case let .interval(seconds):
            next.interval = seconds
        case let .flash(text):
            next.flash = text
        case let .cursor(time):
            next.cursor = time
        case let .overlay(overlay):
            next.overlay = overlay
            next.overlayOffset = 0
        case .hangup:
            next.exit = .hangup
        case let .signal(number):
            next.exit = .signal(number)
        case let .mouse(event):
            if state.overlay != nil {
                OverlayKeys.close(&next, &effects)
            } else if state.signalPrompt == nil, state.alertList == nil {
                MouseActions.handle(event, &next)
            }
        case let .key(pressed):
            next.flash = nil
            // htop's keys, where no prompt, list or text entry takes keys of its own.
            let free = state.signalPrompt == nil && state.alertList == nil && state.jumpText == nil && !state.editingFilter && state.overlay == nil
            if free, let message = HtopKeys.unsupported(pressed) {
                next.flash = message
                return (next, effects)
            }
            let key = free ? HtopKeys.equivalent(pressed) ?? pressed : pressed
            if key == .control(3) {
                next.exit = .quitKey
            } else if state.signalPrompt != nil {
                SignalKeys.handle(key, &next, &effects)
            } else if state.alertList != nil {
                AlertKeys.handle(key, &next, &effects)
            } else if state.overlay != nil {
                OverlayKeys.handle(key, &next, &effects)
            } else if state.jumpText != nil {
                TimeKeys.jumpEdit(key, &next, &effects)
            } else if state.editingFilter, ProcessKeys.filterEdit(key, &next) {
                break
            } else if !TimeKeys.handle(key, &next), !ProcessKeys.handle(key, &next, &effects) {
                screenKey(key, &next, &effects)
            }
        }
        return (next, effects)
    }

    /// The next state alone (for events that ask nothing of the world, and tests of state).
    public static func reduce(_ state: AppState, _ event: AppEvent) -> AppState {
        step(state, event).state
    }

    /// Keys about the whole screen.
    private static func screenKey(_ key: Key, _ next: inout AppState, _ effects: inout [AppEffect]) {
        switch key {
        case .character("q"), .character("Q"):
            next.exit = .quitKey
        case .character("R"):
            effects.append(.reload)
        case .character("?"), .function(1):
            next.showHelp = true
        case .character("L"):
            // The log opens at its newest line (the frame keeps the offset within it).
            next.overlay = .log
            next.overlayOffset = Int.max / 2
        case .character("r"):
            effects.append(.reconnect)
        case .character("a"):
            next.alertList = AlertListState()
        case .character(" "):
            next.frozen.toggle()
        case let .character(c) where ("1"..."5").contains(c):
            let pane = PaneID.keyOrder[Int(String(c))! - 1]
            if next.shownPanes.contains(pane) {
                if next.shownPanes.count > 1 { next.shownPanes.remove(pane) }
            } else {
                next.shownPanes.insert(pane)
            }
        case .character("m"):
            next.cpuModes.toggle()
        case .character("p"):
            next.layoutPreset = nextPreset(after: next.layoutPreset)
            let drawn = DashboardLayout.compute(width: next.width, height: next.paneHeight, shown: next.shownPanes, preset: next.layoutPreset, banner: false).mode
            if let preset = next.layoutPreset {
                next.flash = "layout: " + preset.rawValue + (drawn == preset ? "" : " (too small here: " + drawn.rawValue + " instead)")
            } else {
                next.flash = "layout: automatic (" + drawn.rawValue + " at this size)"
            }
        case .character("+"), .character("="):
            next.window = next.window.zoomedIn(liveSeconds: liveSpan(next))
        case .character("-"), .character("_"):
            next.window = next.window.zoomedOut(liveSeconds: liveSpan(next))
        default:
            break
        }
    }

    /// About what the live graphs span: one cell per tick across the screen (two with braille).
    static func liveSpan(_ state: AppState) -> Double {
        Double(state.width) * state.interval * (state.brailleGraph ? 2 : 1)
    }

    /// `p` cycles: automatic → wide → grid → stacked → strip → compact → automatic.
    static func nextPreset(after preset: DashboardLayout.Mode?) -> DashboardLayout.Mode? {
        let order: [DashboardLayout.Mode?] = [nil, .wide, .grid, .stacked, .strip, .compact]
        let index = order.firstIndex { $0 == preset } ?? 0
        return order[(index + 1) % order.count]
    }
}
