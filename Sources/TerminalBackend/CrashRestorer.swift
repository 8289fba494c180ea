import Glibc

/// Restores the terminal when the process dies of a fatal signal (a Swift runtime trap is SIGILL or
/// SIGTRAP; a segfault SIGSEGV), then hands the signal to the handler that was there before (Swift's
/// backtracer, or the default action), so the crash report prints on a sane terminal.
///
/// The handler may only call async-signal-safe functions, so everything it needs is prepared before
/// the terminal is switched: the saved termios and the bytes that leave the alternate screen.
enum CrashRestorer {
    static let fatalSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT]

    static func install(savedTermios: termios, restoreSequence: [UInt8]) {
        var state = CrashState()
        state.termios = savedTermios
        let count = min(restoreSequence.count, CrashState.capacity)
        withUnsafeMutableBytes(of: &state.bytes) { raw in
            for i in 0..<count { raw[i] = restoreSequence[i] }
        }
        state.count = count
        for (i, signal) in fatalSignals.enumerated() {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = onFatalSignal
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signal, &action, &state.previous[i])
        }
        state.isArmed = true
        crashState = state
    }

    static func disarm() { crashState.isArmed = false }
}

struct CrashState {
    static let capacity = 64
    var isArmed = false
    var termios = Glibc.termios()
    var bytes: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    var count = 0
    var previous: [SignalAction] = Array(repeating: SignalAction(), count: CrashRestorer.fatalSignals.count)
}

/// The C `struct sigaction` (its name collides with the function in Swift's expression syntax).
typealias SignalAction = sigaction

/// Written on the main thread (install, disarm) and read only by the fatal-signal handler, which
/// runs when the process is already dying; no two threads write it, so no lock is needed (and a lock
/// could not be taken in a signal handler anyway).
nonisolated(unsafe) var crashState = CrashState()

private func onFatalSignal(_ signal: Int32) {
    var state = crashState
    if state.isArmed {
        let count = state.count
        withUnsafeBytes(of: &state.bytes) { raw in _ = write(STDOUT_FILENO, raw.baseAddress, count) }
        _ = tcsetattr(STDIN_FILENO, TCSANOW, &state.termios)
    }
    // Put the previous handler back; the re-raised signal is delivered to it when this one returns.
    if let index = CrashRestorer.fatalSignals.firstIndex(of: signal) {
        _ = sigaction(signal, &state.previous[index], nil)
    }
    raise(signal)
}
