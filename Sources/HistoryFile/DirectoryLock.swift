import Glibc

/// An exclusive `flock` on a lock file in the data directory (`history.lock`, `alerts.lock`): one
/// vitals writes there; others read and run without writing. The kernel drops the lock when the holder exits, even by
/// `kill -9`, so a crash never leaves a stale lock behind.
public final class DirectoryLock: Sendable {
    private let fd: Int32

    /// Takes the lock, or returns nil with the pid written by the process holding it.
    public static func acquire(directory: String, name: String = "history.lock") throws(HistoryFileError) -> Result<DirectoryLock, HolderPID> {
        let path = directory + "/" + name
        let fd = Glibc.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw HistoryFileError("cannot open \(path): \(String(cString: strerror(errno)))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            var buffer = [UInt8](repeating: 0, count: 32)
            let n = pread(fd, &buffer, buffer.count, 0)
            close(fd)
            let text = String(decoding: buffer.prefix(max(0, n)), as: UTF8.self).split(separator: "\n").first.map(String.init) ?? "?"
            return .failure(HolderPID(pid: text))
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pwrite(fd, pid, pid.count, 0)
        return .success(DirectoryLock(fd: fd))
    }

    private init(fd: Int32) {
        self.fd = fd
    }

    deinit {
        close(fd)
    }

    public struct HolderPID: Error {
        public var pid: String
    }
}
