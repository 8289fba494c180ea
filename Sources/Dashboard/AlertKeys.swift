import TerminalBackend

/// Keys while the alerts list is open: ↑↓ Home End select; `u` lifts the selected alert's silence;
/// `s` silences the selected alert
/// (← → or 1–5 choose how long, Enter confirms, Esc cancels); `a`, Esc or `q` close the list.
enum AlertKeys {
    static let silenceDurations: [(label: String, seconds: Double)] = [
        ("15m", 900), ("1h", 3600), ("4h", 14_400), ("24h", 86_400), ("7d", 604_800),
    ]

    static func handle(_ key: Key, _ next: inout AppState, _ effects: inout [AppEffect]) {
        guard var list = next.alertList else { return }
        if let choice = list.silenceChoice {
            switch key {
            case .left, .up: list.silenceChoice = max(0, choice - 1)
            case .right, .down, .tab: list.silenceChoice = min(silenceDurations.count - 1, choice + 1)
            case let .character(c) where ("1"..."5").contains(c): list.silenceChoice = Int(String(c))! - 1
            case .enter, .character("s"):
                effects.append(.silence(SilenceRequest(row: list.selected, seconds: silenceDurations[choice].seconds)))
                list.silenceChoice = nil
            case .escape, .character("q"):
                list.silenceChoice = nil
            default: break
            }
            next.alertList = list
            return
        }
        switch key {
        case .up: list.selected = max(0, list.selected - 1)
        case .down: list.selected = max(0, min(list.count - 1, list.selected + 1))
        case .home, .pageUp: list.selected = 0
        case .end, .pageDown: list.selected = max(0, list.count - 1)
        case .character("s"):
            guard list.count > 0 else {
                next.flash = "no alert to silence"
                return
            }
            list.silenceChoice = 1
        case .character("u"):
            guard list.count > 0 else {
                next.flash = "no alert to unsilence"
                return
            }
            effects.append(.unsilence(row: list.selected))
        case .character("a"), .escape, .character("q"):
            next.alertList = nil
            return
        default: break
        }
        next.alertList = list
    }
}
