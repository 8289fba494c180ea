import Glibc
import ProcFS
import VitalsCore

/// The process a key acts on (`k`, F7/F8, `e`, `l`): its pid, and its start time, which tells it
/// from a later process the kernel gave the same pid.
public struct ProcessTarget: Sendable, Equatable {
    public var pid: Int32
    public var name: String
    public var startTicks: UInt64

    public init(pid: Int32, name: String, startTicks: UInt64) {
        self.pid = pid
        self.name = name
        self.startTicks = startTicks
    }

    /// `nginx (4242)`.
    public var label: String { "\(name) (\(pid))" }

    /// Why the pid no longer names this process (it exited, or is another one now); nil when it
    /// still does, with what /proc says of it now.
    func check(in procfs: ProcFS) -> Result<ProcessSample, Refusal> {
        var buffer = ReadBuffer(capacity: 1024)
        guard let bytes = try? procfs.read("\(pid)/stat", into: &buffer), let now = try? ProcessSample.parse(bytes) else {
            return .failure(Refusal(text: "\(label) has already exited"))
        }
        guard now.startTicks == startTicks else {
            return .failure(Refusal(text: "pid \(pid) is now another process (\(now.name))"))
        }
        return .success(now)
    }

    struct Refusal: Error {
        var text: String
    }
}
