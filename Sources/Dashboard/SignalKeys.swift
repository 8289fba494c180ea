import TerminalBackend

/// `k`, then a signal (↑↓ or its first letter), Enter, then `y` to send or anything else to cancel.
enum SignalKeys {
    static func open(_ next: inout AppState) {
        // Read-only first: a replay has no live to return to.
        guard !next.readOnly else {
            next.flash = "read-only: signals are off (" + next.readOnlyReason + ")"
            return
        }
        guard next.cursor == nil else {
            next.flash = "signals go to live processes only: Esc returns to live"
            return
        }
        guard let target = next.selectedTarget else {
            next.flash = "select a process first (↑ ↓)"
            return
        }
        next.signalPrompt = SignalPrompt(pid: target.pid, name: target.name, startTicks: target.startTicks)
    }

    static func handle(_ key: Key, _ next: inout AppState, _ effects: inout [AppEffect]) {
        guard var prompt = next.signalPrompt else { return }
        if prompt.confirming {
            if key == .character("y") || key == .character("Y") {
                effects.append(.sendSignal(SignalRequest(pid: prompt.pid, name: prompt.name, startTicks: prompt.startTicks, signal: prompt.signalNumber)))
            } else {
                next.flash = "nothing sent"
            }
            next.signalPrompt = nil
            return
        }
        switch key {
        case .up: prompt.choice = max(0, prompt.choice - 1)
        case .down: prompt.choice = min(SignalPrompt.choices.count - 1, prompt.choice + 1)
        case .enter: prompt.confirming = true
        case .escape, .character("q"):
            next.signalPrompt = nil
            return
        case let .character(c):
            if let i = SignalPrompt.choices.firstIndex(where: { $0.name.first == Character(c.uppercased()) }) { prompt.choice = i }
        default: break
        }
        next.signalPrompt = prompt
    }
}
