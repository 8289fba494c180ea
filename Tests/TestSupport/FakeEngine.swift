import Glibc
import Synchronization
import VitalsCore

/// A container runtime's Engine API on a unix socket, for tests: canned answers by path (the
/// query left out), an `/events` stream the test pushes lines into, and the ways a runtime goes
/// wrong (accepting and never answering). One thread per connection.
public final class FakeEngine: Sendable {
    public struct Answer: Sendable {
        public var status: Int
        public var body: String
        /// Sent in chunks (as Podman and Docker do) instead of with a Content-Length.
        public var chunked: Bool

        public init(status: Int = 200, _ body: String, chunked: Bool = false) {
            self.status = status
            self.body = body
            self.chunked = chunked
        }
    }

    public let path: String
    private let fd: Int32
    private let state = Mutex(State())

    struct State {
        var answers: [String: Answer] = [:]
        var events: [String] = []
        var hang = false
        var stopped = false
        var requests: [String] = []
    }

    public init(path: String) throws {
        unlink(path)
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, b) in path.utf8.enumerated() where i < raw.count - 1 { raw[i] = b }
        }
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) } }
        guard bound == 0, listen(fd, 16) == 0 else {
            close(fd)
            throw EngineFailure(message: "cannot listen on \(path): \(String(cString: strerror(errno)))")
        }
        self.fd = fd
        self.path = path
        BackgroundThread.run { [self] in acceptLoop() }
    }

    public struct EngineFailure: Error {
        public var message: String
    }

    /// The Docker 27 answers captured in Tests/ContainerRuntimeTests/Fixtures/docker-api-1.45:
    /// `/version` and a list of four containers (web running and healthy, worker exited 137, api
    /// unhealthy, cron dead), the list chunked as Docker sends it.
    public func answerWithCapturedDocker() {
        let fixtures = Fixtures.packageRoot + "/Tests/ContainerRuntimeTests/Fixtures/docker-api-1.45/"
        answer("/version", .init(Fixtures.text(fixtures + "version.json") ?? ""))
        answer("/containers/json", .init(Fixtures.text(fixtures + "containers.json") ?? "", chunked: true))
    }

    /// What `GET path` answers from now on.
    public func answer(_ path: String, _ answer: Answer) {
        state.withLock { $0.answers[path] = answer }
    }

    /// A line for every client of `/events`.
    public func emit(_ line: String) {
        state.withLock { $0.events.append(line) }
    }

    /// Accept connections and never answer (a hung runtime).
    public func hang(_ on: Bool) {
        state.withLock { $0.hang = on }
    }

    /// The paths asked for, in order (with their queries).
    public var requests: [String] { state.withLock { $0.requests } }

    public func stop() {
        state.withLock { $0.stopped = true }
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
        unlink(path)
    }

    private var stopped: Bool { state.withLock { $0.stopped } }

    private func acceptLoop() {
        while !stopped {
            let client = accept(fd, nil, nil)
            guard client >= 0 else {
                if stopped { return }
                continue
            }
            BackgroundThread.run { [self] in serve(client) }
        }
    }

    private func serve(_ client: Int32) {
        defer { close(client) }
        var head: [UInt8] = []
        var byte: UInt8 = 0
        while !head.suffix(4).elementsEqual([13, 10, 13, 10]) {
            guard recv(client, &byte, 1, 0) == 1 else { return }
            head.append(byte)
        }
        let line = String(decoding: head, as: UTF8.self).split(separator: "\r\n").first ?? ""
        let target = line.split(separator: " ").dropFirst().first.map(String.init) ?? "/"
        let path = String(target.split(separator: "?", maxSplits: 1).first ?? "")
        let (hang, answer) = state.withLock { s in
            s.requests.append(target)
            return (s.hang, s.answers[path])
        }
        if hang {
            while !stopped { usleep(20_000) }
            return
        }
        if path == "/events" {
            write(client, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
            var sent = state.withLock { $0.events.count }
            while !stopped {
                let fresh = state.withLock { s in Array(s.events.dropFirst(sent)) }
                for event in fresh {
                    let chunk = event + "\n"
                    guard write(client, String(chunk.utf8.count, radix: 16) + "\r\n" + chunk + "\r\n") else { return }
                }
                sent += fresh.count
                usleep(10_000)
            }
            return
        }
        let a = answer ?? Answer(status: 404, #"{"cause":"no such container","message":"no container with name or ID found","response":404}"#)
        let reason = a.status == 200 ? "OK" : "Not Found"
        if a.chunked {
            let bytes = Array(a.body.utf8)
            var text = "HTTP/1.1 \(a.status) \(reason)\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            // In pieces of 100 bytes, so that readers meet chunk edges inside values.
            var at = 0
            while at < bytes.count {
                let piece = bytes[at..<min(bytes.count, at + 100)]
                text += String(piece.count, radix: 16) + "\r\n" + String(decoding: piece, as: UTF8.self) + "\r\n"
                at += 100
            }
            write(client, text + "0\r\n\r\n")
        } else {
            write(client, "HTTP/1.1 \(a.status) \(reason)\r\nContent-Type: application/json\r\nContent-Length: \(a.body.utf8.count)\r\n\r\n" + a.body)
        }
    }

    @discardableResult
    private func write(_ client: Int32, _ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { return false }
            sent += n
        }
        return true
    }
}
