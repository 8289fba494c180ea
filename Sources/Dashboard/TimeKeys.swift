import Rendering
import TerminalBackend

/// Time travel's keys: `←`/`→` (or `[`/`]`) move the cursor one step back or forward along the
/// graphs, `g` asks for a time (`TimeJump`), `Esc` returns to live. Moving forward past the newest
/// tick is live again.
enum TimeKeys {
    /// Handles `key` if it is a time-travel key; false otherwise (Esc only while in the past).
    static func handle(_ key: Key, _ next: inout AppState) -> Bool {
        switch key {
        case .left, .character("["): move(by: -1, &next)
        case .right, .character("]"): move(by: 1, &next)
        case .character("g"): next.jumpText = ""
        case .escape where next.cursor != nil: next.cursor = nil
        default: return false
        }
        return true
    }

    /// One step: a tick when live, else about a 120th of the window (a graph cell or so).
    static func step(_ state: AppState) -> Double {
        state.window.seconds.map { max(state.interval, $0 / 120) } ?? state.interval
    }

    static func move(by steps: Int, _ next: inout AppState) {
        guard let now = next.snapshot?.time else { return }
        let t = (next.cursor ?? now) + Double(steps) * step(next)
        next.cursor = t >= now - next.interval / 2 ? nil : t
    }

    /// While a time is typed after `g`: text edits it, Enter jumps (or says why not), Esc cancels.
    static func jumpEdit(_ key: Key, _ next: inout AppState, _ effects: inout [AppEffect]) {
        guard var text = next.jumpText else { return }
        switch key {
        case let .character(c) where !c.isNewline:
            if text.count < 32 { text.append(c) }
            next.jumpText = text
        case .backspace:
            if !text.isEmpty { text.removeLast() }
            next.jumpText = text
        case .enter:
            next.jumpText = nil
            guard let now = next.snapshot?.time else { return }
            if let t = TimeJump.parse(text, now: now) {
                // Live is live; a past moment is checked against what was recorded (an effect).
                if t >= now - next.interval / 2 { next.cursor = nil } else { effects.append(.jump(to: t, text: text)) }
            } else {
                next.flash = "cannot go to \"\(text)\": " + TimeJump.help
            }
        case .escape:
            next.jumpText = nil
        default:
            break
        }
    }
}
