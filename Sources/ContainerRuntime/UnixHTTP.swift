import Glibc

/// HTTP/1.1 GET over a unix socket, the little the Engine API needs: one request a connection,
/// a body by `Content-Length`, chunks or the connection's end, and the events stream read line by
/// line as it comes. Every wait is bounded by `poll`, so a runtime that accepts and never answers
/// costs its deadline, never a hang. Blocking calls: run it off the tick (`ContainerWatcher`).
public struct UnixHTTP: Sendable {
    public let socketPath: String
    /// Seconds allowed to connect, and for the whole of an answer.
    public var timeout: Double

    public init(socketPath: String, timeout: Double = 2) {
        self.socketPath = socketPath
        self.timeout = timeout
    }

    /// Largest answer read: a list of thousands of containers fits.
    public static let maxBody = 64 << 20

    /// The body of `GET path`; a status other than 2xx is an error carrying the runtime's message.
    public func get(_ path: String) throws(EngineError) -> [UInt8] {
        let fd = try connect()
        defer { close(fd) }
        let deadline = Self.now() + timeout
        try send(fd, path)
        var reader = Reader(fd: fd, deadline: deadline, path: socketPath, timeout: timeout)
        let head = try reader.head()
        let body = try reader.body(head)
        guard (200..<300).contains(head.status) else {
            let message = (try? JSONReader.parse(body))?["message"]?.string ?? String(decoding: body.prefix(200), as: UTF8.self)
            throw .http(status: head.status, message: message)
        }
        return body
    }

    /// `GET path` whose answer goes on (`/events`): each line of the body to `line` as it comes,
    /// until `line` returns false, `keepGoing` does, or the runtime closes. The connect and the
    /// head are bounded by `timeout`; lines may be far apart.
    public func stream(_ path: String, keepGoing: @escaping () -> Bool, line: ([UInt8]) -> Bool) throws(EngineError) {
        let fd = try connect()
        defer { close(fd) }
        try send(fd, path)
        var reader = Reader(fd: fd, deadline: Self.now() + timeout, path: socketPath, timeout: timeout)
        let head = try reader.head()
        guard (200..<300).contains(head.status) else { throw .http(status: head.status, message: "") }
        reader.deadline = .infinity
        reader.keepGoing = keepGoing
        var pending: [UInt8] = []
        while let chunk = try reader.nextPiece(head) {
            pending += chunk
            while let newline = pending.firstIndex(of: 0x0A) {
                let text = Array(pending[..<newline])
                pending.removeSubrange(...newline)
                if !text.isEmpty, !line(text) { return }
            }
            if pending.count > Self.maxBody { throw .malformed("an event line longer than \(Self.maxBody) bytes") }
        }
    }

    /// Monotonic seconds (deadlines).
    public static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    private func connect() throws(EngineError) -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard fd >= 0 else { throw .connection(socketPath, errno: errno) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(socketPath.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            close(fd)
            throw .connection(socketPath, errno: ENAMETOOLONG)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, b) in bytes.enumerated() { raw[i] = b }
        }
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        if result != 0 {
            let e = errno
            if e == EINPROGRESS || e == EAGAIN {
                var p = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                guard poll(&p, 1, Int32(timeout * 1000)) == 1 else {
                    close(fd)
                    throw .timeout(socketPath, seconds: timeout)
                }
            } else {
                close(fd)
                if e == EACCES || e == EPERM { throw .permission(socketPath) }
                throw .connection(socketPath, errno: e)
            }
        }
        return fd
    }

    private func send(_ fd: Int32, _ path: String) throws(EngineError) {
        let request = Array("GET \(path) HTTP/1.1\r\nHost: docker\r\nUser-Agent: vitals\r\nConnection: close\r\n\r\n".utf8)
        var sent = 0
        let deadline = Self.now() + timeout
        while sent < request.count {
            let n = request[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n > 0 {
                sent += n
                continue
            }
            guard n < 0, errno == EAGAIN || errno == EINTR else { throw .connection(socketPath, errno: errno) }
            var p = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            let left = deadline - Self.now()
            guard left > 0, poll(&p, 1, Int32(left * 1000)) == 1 else { throw .timeout(socketPath, seconds: timeout) }
        }
    }
}
