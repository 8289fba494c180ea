import Glibc
import ProcFS
import VitalsCore

/// Sends a signal to a process the user chose, after checking that the pid still names the same
/// process (its start time), so a pid the kernel has handed to another process is never hit.
struct SignalSender {
    var procfs: ProcFS

    /// What happened, in words for the status line.
    func send(_ signal: Int32, to pid: Int32, startTicks: UInt64, name: String) -> String {
        let target = ProcessTarget(pid: pid, name: name, startTicks: startTicks)
        if case let .failure(refusal) = target.check(in: procfs) { return refusal.text + "; nothing sent" }
        guard kill(pid, signal) == 0 else {
            return "cannot send SIG\(Self.name(of: signal)) to \(target.label): \(String(cString: strerror(errno)))"
        }
        return "sent SIG\(Self.name(of: signal)) to \(target.label)"
    }

    static func name(of signal: Int32) -> String {
        SignalPrompt.choices.first { $0.number == signal }?.name ?? String(signal)
    }

    /// F7/F8: the nice value one step down or up (`setpriority`), after the same check. Lowering
    /// it needs root (CAP_SYS_NICE); the kernel keeps it within −20…19.
    func renice(_ target: ProcessTarget, by step: Int32) -> String {
        let now: ProcessSample
        switch target.check(in: procfs) {
        case let .failure(refusal): return refusal.text + "; nice unchanged"
        case let .success(sample): now = sample
        }
        let wanted = min(19, max(-20, now.nice + step))
        guard wanted != now.nice else { return "\(target.label): nice is already \(now.nice), the end of the range" }
        guard setpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(target.pid), wanted) == 0 else {
            let why = errno == EACCES || errno == EPERM ? (step < 0 ? "lowering nice needs root" : "not your process") : String(cString: strerror(errno))
            return "cannot renice \(target.label): \(why)"
        }
        return "\(target.label): nice \(now.nice) → \(wanted)"
    }
}
