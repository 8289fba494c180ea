import Glibc

/// A file could not be opened or read; carries errno and the path.
public struct FileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String?
    public var errno: Int32

    public init(path: String?, errno: Int32) {
        self.path = path
        self.errno = errno
    }

    /// True when the file is gone (a process that exited, an interface that vanished).
    public var isNotFound: Bool { errno == ENOENT || errno == ESRCH }

    public var description: String {
        let reason = String(cString: strerror(errno))
        if let path { return "\(path): \(reason)" }
        return reason
    }
}
