import Glibc

/// A non-blocking pipe whose read end the run loop polls: the collection thread and signal handlers
/// write a byte to wake it.
final class WakePipe: Sendable {
    let readFD: Int32
    let writeFD: Int32

    init() throws(WakePipeError) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw WakePipeError(errno: errno) }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        readFD = fds[0]
        writeFD = fds[1]
    }

    func wake() {
        var byte: UInt8 = 1
        _ = write(writeFD, &byte, 1)
    }

    func drain() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(readFD, &buffer, buffer.count) > 0 {}
    }

    deinit {
        close(readFD)
        close(writeFD)
    }
}

struct WakePipeError: Error, CustomStringConvertible {
    var errno: Int32
    var description: String { "cannot create the wake pipe: " + String(cString: strerror(errno)) }
}
