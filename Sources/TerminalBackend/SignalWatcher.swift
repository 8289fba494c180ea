import Glibc
import Synchronization

/// The last termination signal received (0 for none), set from the signal handler.
private let receivedSignal = Atomic<Int32>(0)
/// Write end of the run loop's wake pipe, so a signal wakes a blocked `poll` at once.
private let wakeDescriptor = Atomic<Int32>(-1)

/// Turns SIGINT, SIGTERM, SIGHUP and SIGQUIT into a flag the run loop checks, instead of letting
/// ncurses (or the default action) exit without restoring the terminal.
public enum SignalWatcher {
    public static let terminationSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    /// Installs the handlers; `wakeFD` is written one byte on every signal.
    public static func install(wakeFD: Int32) {
        wakeDescriptor.store(wakeFD, ordering: .releasing)
        for signal in terminationSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = onTerminationSignal
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signal, &action, nil)
        }
        // A write to a closed pty must not kill us before the terminal is restored.
        signal(SIGPIPE, SIG_IGN)
    }

    /// The signal that asked us to stop, if any.
    public static var pendingSignal: Int32? {
        let s = receivedSignal.load(ordering: .acquiring)
        return s == 0 ? nil : s
    }

    /// Clears the flag (tests).
    public static func reset() { receivedSignal.store(0, ordering: .releasing) }
}

/// Async-signal-safe: an atomic store and a write(2).
private func onTerminationSignal(_ signal: Int32) {
    receivedSignal.store(signal, ordering: .releasing)
    let fd = wakeDescriptor.load(ordering: .acquiring)
    if fd >= 0 {
        var byte: UInt8 = 1
        _ = write(fd, &byte, 1)
    }
}
