import Glibc
import Synchronization

/// Set by the fatal-signal handler; the drawing thread parks itself when it sees it.
private let crashing = Atomic<Bool>(false)

/// Restores the terminal when the process dies of a fatal signal (a Swift runtime trap is SIGILL or
/// SIGTRAP; a segfault SIGSEGV), then hands the signal to the handler that was there before (Swift's
/// backtracer, or the default action), so the crash report prints on a sane terminal.
///
/// The handler may only call async-signal-safe functions, so everything it needs is prepared before
/// the terminal is switched: the saved termios, the bytes that leave the alternate screen, and a
/// descriptor on /dev/null. After restoring, it points curses' own output descriptor (a duplicate of
/// stdout) at /dev/null and raises a flag that parks the drawing thread, so a crash on another thread
/// cannot be drawn over; stdout itself stays on the terminal for the crash report.
enum CrashRestorer {
    static let fatalSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT]

    static func install(savedTermios: termios, restoreSequence: [UInt8], cursesOutput: Int32) {
        var state = CrashState()
        state.termios = savedTermios
        let count = min(restoreSequence.count, CrashState.capacity)
        withUnsafeMutableBytes(of: &state.bytes) { raw in
            for i in 0..<count { raw[i] = restoreSequence[i] }
        }
        state.count = count
        for (i, signal) in fatalSignals.enumerated() {
            var action = sigaction()
            action.__sigaction_handler.sa_sigaction = onFatalSignal
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_SIGINFO
            sigaction(signal, &action, &state.previous[i])
        }
        state.devNull = open("/dev/null", O_WRONLY | O_CLOEXEC)
        state.cursesOutput = cursesOutput
        state.isArmed = true
        crashState = state
    }

    static func disarm() { crashState.isArmed = false }

    /// True once a fatal signal arrived: the process is dying, the terminal is no longer ours.
    static var isCrashing: Bool { crashing.load(ordering: .acquiring) }

    /// Blocks the calling (drawing) thread until the process dies.
    static func parkForever() -> Never {
        while true { pause() }
    }
}

struct CrashState {
    static let capacity = 64
    var isArmed = false
    var termios = Glibc.termios()
    var bytes: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    var count = 0
    var devNull: Int32 = -1
    var cursesOutput: Int32 = -1
    var previous: [SignalAction] = Array(repeating: SignalAction(), count: CrashRestorer.fatalSignals.count)
}

/// The C `struct sigaction` (its name collides with the function in Swift's expression syntax).
typealias SignalAction = sigaction

/// Written on the main thread (install, disarm) and read only by the fatal-signal handler, which
/// runs when the process is already dying; no two threads write it, so no lock is needed (and a lock
/// could not be taken in a signal handler anyway).
nonisolated(unsafe) var crashState = CrashState()

private func onFatalSignal(_ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?) {
    var state = crashState
    if state.isArmed {
        crashing.store(true, ordering: .releasing)
        let count = state.count
        withUnsafeBytes(of: &state.bytes) { raw in _ = write(STDOUT_FILENO, raw.baseAddress, count) }
        _ = tcsetattr(STDIN_FILENO, TCSANOW, &state.termios)
        if state.devNull >= 0, state.cursesOutput >= 0 { _ = dup2(state.devNull, state.cursesOutput) }
    }
    // Let the previous handler (Swift's backtracer) report, on a terminal that is sane again.
    if let index = CrashRestorer.fatalSignals.firstIndex(of: signal) {
        let previous = state.previous[index]
        if previous.sa_flags & SA_SIGINFO != 0 {
            previous.__sigaction_handler.sa_sigaction?(signal, info, context)
        } else if let handler = previous.__sigaction_handler.sa_handler,
                  unsafeBitCast(handler, to: Int.self) > 1 {  // neither SIG_DFL (0) nor SIG_IGN (1)
            handler(signal)
        }
    }
    // Then die of the signal, whether or not the instruction would fault again (a signal sent by
    // kill(2) would not): default action, re-raised, delivered when this handler returns.
    var fallback = sigaction()
    fallback.__sigaction_handler.sa_handler = nil
    sigemptyset(&fallback.sa_mask)
    _ = sigaction(signal, &fallback, nil)
    raise(signal)
}
