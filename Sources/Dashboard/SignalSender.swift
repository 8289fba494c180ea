import Glibc
import ProcFS
import VitalsCore

/// Sends a signal to a process the user chose, after checking that the pid still names the same
/// process (its start time), so a pid the kernel has handed to another process is never hit.
struct SignalSender {
    var procfs: ProcFS

    /// What happened, in words for the status line.
    func send(_ signal: Int32, to pid: Int32, startTicks: UInt64, name: String) -> String {
        var buffer = ReadBuffer(capacity: 1024)
        guard let bytes = try? procfs.read("\(pid)/stat", into: &buffer), let now = try? ProcessSample.parse(bytes) else {
            return "\(name) (\(pid)) has already exited"
        }
        guard now.startTicks == startTicks else {
            return "pid \(pid) is now another process (\(now.name)); nothing sent"
        }
        guard kill(pid, signal) == 0 else {
            return "cannot send SIG\(Self.name(of: signal)) to \(name) (\(pid)): \(String(cString: strerror(errno)))"
        }
        return "sent SIG\(Self.name(of: signal)) to \(name) (\(pid))"
    }

    static func name(of signal: Int32) -> String {
        SignalPrompt.choices.first { $0.number == signal }?.name ?? String(signal)
    }
}
