import Glibc
import Synchronization

/// A tiny HTTP/1.1 receiver on 127.0.0.1 for delivery tests: records every request's headers and
/// body, and answers as told (a status, after a delay, or not at all when down). One thread,
/// one connection at a time: enough for notifications.
public final class LoopbackHTTPReceiver: Sendable {
    public struct Request: Sendable {
        public var method: String
        public var path: String
        public var headers: [String: String]
        public var body: [UInt8]
        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    public struct Behaviour: Sendable {
        public var status = 200
        public var delay = 0.0
        public init(status: Int = 200, delay: Double = 0) {
            self.status = status
            self.delay = delay
        }
    }

    public let port: Int
    private let fd: Int32
    private let state = Mutex(State())

    struct State {
        var requests: [Request] = []
        var behaviour = Behaviour()
        var stopped = false
    }

    /// Listens on an ephemeral port (or `port`).
    public init(port: Int = 0) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard bound == 0, listen(fd, 16) == 0 else {
            close(fd)
            throw ReceiverError(message: "cannot listen: \(String(cString: strerror(errno)))")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        self.fd = fd
        self.port = Int(UInt16(bigEndian: actual.sin_port))
        let thread = ReceiverThread(receiver: self)
        thread.start()
    }

    public struct ReceiverError: Error {
        public var message: String
    }

    public var url: String { "http://127.0.0.1:\(port)/hook" }

    public var requests: [Request] { state.withLock { $0.requests } }

    public func respond(_ behaviour: Behaviour) { state.withLock { $0.behaviour = behaviour } }

    /// Stops accepting; later connections are refused.
    public func stop() {
        let wasStopped = state.withLock { s in
            defer { s.stopped = true }
            return s.stopped
        }
        if !wasStopped {
            shutdown(fd, Int32(SHUT_RDWR))
            close(fd)
        }
    }

    deinit { stop() }

    /// Waits until `count` requests arrived (or `timeout` passed); returns them.
    public func wait(for count: Int, timeout: Double = 10) -> [Request] {
        let deadline = Self.now() + timeout
        while Self.now() < deadline {
            let got = requests
            if got.count >= count { return got }
            usleep(20_000)
        }
        return requests
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    fileprivate func serve() {
        while true {
            let client = accept(fd, nil, nil)
            if client < 0 {
                if state.withLock({ $0.stopped }) { return }
                continue
            }
            // Each connection on a thread of its own, with a read deadline: a client that opens
            // a connection and sends nothing (one shut down mid-request) must not hold up the
            // others (a serial loop blocked in read left every later request waiting).
            var timeout = timeval(tv_sec: 5, tv_usec: 0)
            setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            ReceiverThread.detached { [self] in
                handle(client)
                close(client)
            }
        }
    }

    private func handle(_ client: Int32) {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        var headerEnd: Int?
        var contentLength = 0
        while true {
            let n = read(client, &chunk, chunk.count)
            if n <= 0 { return }
            buffer += chunk.prefix(n)
            if headerEnd == nil, let end = Self.find([13, 10, 13, 10], in: buffer) {
                headerEnd = end + 4
                let head = String(decoding: buffer.prefix(end), as: UTF8.self)
                for line in head.split(separator: "\r\n").dropFirst() where line.lowercased().hasPrefix("content-length:") {
                    contentLength = Int(line.split(separator: ":")[1].trimmingCharacters(in: " ")) ?? 0
                }
            }
            if let headerEnd, buffer.count >= headerEnd + contentLength { break }
        }
        guard let headerEnd else { return }
        let head = String(decoding: buffer.prefix(headerEnd - 4), as: UTF8.self).split(separator: "\r\n")
        let requestLine = head.first?.split(separator: " ") ?? []
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: " ")
        }
        let request = Request(
            method: requestLine.first.map(String.init) ?? "", path: requestLine.count > 1 ? String(requestLine[1]) : "", headers: headers,
            body: Array(buffer[headerEnd..<(headerEnd + contentLength)])
        )
        let behaviour = state.withLock { $0.behaviour }
        if behaviour.delay > 0 { usleep(UInt32(behaviour.delay * 1_000_000)) }
        // Recorded only when answered with success: that is what "received" means to the sender.
        if (200..<300).contains(behaviour.status) { state.withLock { $0.requests.append(request) } }
        let response = Array("HTTP/1.1 \(behaviour.status) X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8)
        _ = response.withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] && Array(haystack[i..<(i + needle.count)]) == needle {
            return i
        }
        return nil
    }
}

/// Runs the receiver's accept loop, and each connection, on a detached thread.
private struct ReceiverThread {
    let receiver: LoopbackHTTPReceiver

    func start() {
        let receiver = receiver
        Self.detached { receiver.serve() }
    }

    static func detached(_ body: @escaping @Sendable () -> Void) {
        final class Box: Sendable {
            let body: @Sendable () -> Void
            init(_ body: @escaping @Sendable () -> Void) { self.body = body }
        }
        var thread = pthread_t()
        let context = Unmanaged.passRetained(Box(body)).toOpaque()
        pthread_create(&thread, nil, { raw in
            let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
            box.body()
            return nil
        }, context)
        pthread_detach(thread)
    }
}

extension StringProtocol {
    fileprivate func trimmingCharacters(in character: Character) -> String {
        String(drop { $0 == character }.reversed().drop { $0 == character }.reversed())
    }
}
