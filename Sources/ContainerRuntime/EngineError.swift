import Glibc
import VitalsCore

/// Why the runtime could not be asked, in words for the status line and `/metrics`' health.
public enum EngineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No socket at any of the places looked.
    case noSocket([String])
    /// The socket is there but this user may not open it (not root, not in the docker group).
    case permission(String)
    /// connect or read failed (the runtime stopped, the socket is stale).
    case connection(String, errno: Int32)
    /// No answer within the deadline.
    case timeout(String, seconds: Double)
    /// An answer, but not a success (`404 no such container`).
    case http(status: Int, message: String)
    case malformed(String)

    /// How `noSocket`'s words begin: no runtime on the host, which is normal (the dashboard keeps
    /// it out of the status line by these words, all a collector's health carries).
    public static let absentRuntime = "no container runtime socket"

    /// The containers collector failing only because the host has no runtime: normal, not a
    /// problem for the status line or the web page (the containers view says why its rows have no
    /// names); a runtime that refuses or hangs is one.
    public static func isAbsentRuntime(_ health: CollectorHealth) -> Bool {
        health.name == "containers" && (health.lastError?.hasPrefix(absentRuntime) ?? false)
    }

    public var description: String {
        switch self {
        case let .noSocket(paths): Self.absentRuntime + " (" + paths.joined(separator: ", ") + "): names and states come from cgroups"
        case let .permission(path): "cannot open \(path): permission denied (needs root or the docker group)"
        case let .connection(path, e): "\(path): " + String(cString: strerror(e))
        case let .timeout(path, seconds): "\(path) did not answer within \(Int(seconds * 1000)) ms"
        case let .http(status, message): "the runtime answered \(status)" + (message.isEmpty ? "" : ": " + message)
        case let .malformed(reason): "the runtime's answer: " + reason
        }
    }
}
