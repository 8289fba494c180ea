import Glibc
import Synchronization

/// A TCP relay on 127.0.0.1 in front of another local port, which a test can cut: every open
/// connection is reset and new ones are closed on arrival until `resume()`. It stands for a network
/// that drops while both ends keep running (`vitals attach` must then fill the gap).
public final class TCPRelay: Sendable {
    public let port: Int
    private let upstreamPort: Int
    private let listener: Int32
    private let state = Mutex(State())

    struct State {
        var cut = false
        var frozen = false
        var stopped = false
        var open: Set<Int32> = []
    }

    public init(upstreamPort: Int) throws {
        self.upstreamPort = upstreamPort
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = Self.loopback(port: 0)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard bound == 0, listen(fd, 16) == 0 else {
            close(fd)
            throw LoopbackHTTPReceiver.ReceiverError(message: "cannot listen: \(String(cString: strerror(errno)))")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        listener = fd
        port = Int(UInt16(bigEndian: actual.sin_port))
        Self.thread { [self] in acceptLoop() }
    }

    /// The network drops: open connections are reset, new ones closed at once.
    public func cut() {
        let open = state.withLock { s in
            s.cut = true
            return s.open
        }
        for fd in open { shutdown(fd, Int32(SHUT_RDWR)) }
    }

    public func resume() {
        state.withLock { s in
            s.cut = false
            s.frozen = false
        }
    }

    /// The network goes silent: connections stay open, but no byte moves either way (a peer
    /// that died without a word, or a link that drops packets) until `resume()`.
    public func freeze() { state.withLock { $0.frozen = true } }

    public func stop() {
        let first = state.withLock { s in
            defer { s.stopped = true }
            return !s.stopped
        }
        guard first else { return }
        cut()
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    deinit { stop() }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if state.withLock({ $0.stopped }) { return }
                continue
            }
            if state.withLock({ $0.cut }) {
                close(client)
                continue
            }
            let upstream = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = Self.loopback(port: upstreamPort)
            let connected = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
            guard connected == 0 else {
                close(client)
                close(upstream)
                continue
            }
            state.withLock { $0.open.formUnion([client, upstream]) }
            Self.thread { [self] in pump(client, upstream) }
        }
    }

    /// Copies bytes both ways until either side closes; then closes both.
    private func pump(_ a: Int32, _ b: Int32) {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var fds = [pollfd(fd: a, events: Int16(POLLIN), revents: 0), pollfd(fd: b, events: Int16(POLLIN), revents: 0)]
        loop: while true {
            if state.withLock({ $0.frozen && !$0.cut }) {
                usleep(50_000)
                continue
            }
            guard poll(&fds, 2, 1000) >= 0 else { break }
            for (i, p) in fds.enumerated() where p.revents != 0 {
                let n = read(p.fd, &buffer, buffer.count)
                if n <= 0 { break loop }
                let to = i == 0 ? b : a
                var sent = 0
                while sent < n {
                    let m = buffer.withUnsafeBytes { write(to, $0.baseAddress! + sent, n - sent) }
                    if m <= 0 { break loop }
                    sent += m
                }
            }
        }
        state.withLock { $0.open.subtract([a, b]) }
        close(a)
        close(b)
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    private static func thread(_ body: @escaping @Sendable () -> Void) {
        final class Box: Sendable {
            let body: @Sendable () -> Void
            init(_ body: @escaping @Sendable () -> Void) { self.body = body }
        }
        var thread = pthread_t()
        let context = Unmanaged.passRetained(Box(body)).toOpaque()
        pthread_create(&thread, nil, { raw in
            Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue().body()
            return nil
        }, context)
        pthread_detach(thread)
    }
}
