import Glibc
import ProcFS
import Rendering
import VitalsCore

/// What `e` or `l` asks for.
public enum ProcessAspect: Sendable, Equatable {
    case environment
    case openFiles
}

/// `e` and `l`: a process's environment and its open files, read from /proc when the key is
/// pressed (after the same pid check as `k`), for the overlay. Unreadable (another user's process
/// without root) says so instead.
struct ProcessInspector {
    var procfs: ProcFS

    /// The overlay's title and entries, or a line saying why not.
    func inspect(_ target: ProcessTarget, _ aspect: ProcessAspect) -> Result<(title: String, entries: [DashboardModel.Overlay.Entry]), ProcessTarget.Refusal> {
        if case let .failure(refusal) = target.check(in: procfs) { return .failure(refusal) }
        switch aspect {
        case .environment:
            var buffer = ReadBuffer(capacity: 64 << 10)
            let bytes: ArraySlice<UInt8>
            do {
                bytes = try procfs.read("\(target.pid)/environ", into: &buffer)
            } catch {
                return .failure(ProcessTarget.Refusal(text: "cannot read the environment of \(target.label): " + Self.reason(error)))
            }
            let entries = ProcessFiles.environment(bytes).map { entry -> DashboardModel.Overlay.Entry in
                guard let equals = entry.firstIndex(of: "=") else { return .init("", entry) }
                return .init(String(entry[..<equals]), String(entry[entry.index(after: equals)...]))
            }
            return .success(("Environment of " + target.label, entries))
        case .openFiles:
            do {
                let (files, more) = try procfs.openFiles(pid: target.pid)
                var entries = files.map { DashboardModel.Overlay.Entry(String($0.descriptor), $0.target) }
                if more { entries.append(.init("…", "more descriptors than the first \(files.count) listed")) }
                return .success(("Open files of " + target.label + " (\(files.count))", entries))
            } catch {
                return .failure(ProcessTarget.Refusal(text: "cannot list the open files of \(target.label): " + Self.reason(error)))
            }
        }
    }

    /// errno in words, with the usual cause of EACCES named.
    static func reason(_ error: FileError) -> String {
        error.errno == EACCES ? "permission denied (another user's process needs root)" : String(cString: strerror(error.errno))
    }
}
