@testable import AgentServer
import Dispatch
import Glibc
import Hummingbird
import HummingbirdTesting
import HummingbirdWebSocket
import Testing

/// The server's guards, over real sockets: what arrives on the wire that Hummingbird's router
/// never sees (a line that is not HTTP, headers beyond the limit, one connection too many).
@Suite(.serialized) struct GuardedServerTests {
    func app(_ limits: GuardedServer.Limits) throws -> some ApplicationProtocol {
        let core = try AgentFixture.core()
        return Application(
            router: AgentRoutes.router(core: core, apiKey: nil),
            server: GuardedServer.builder(limits, webSocketRouter: StreamRoute.router(core: core, hub: StreamHub(), apiKey: nil))
        )
    }

    @Test func oversizedHeadersGet431AndGarbage400AndTheConnectionCloses() async throws {
        try await app(.init(maxConnections: 10, maxRequestBytes: 8 << 10)).test(.live) { client in
            let port = try #require(client.port)
            let big = "GET /metrics HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "a", count: 10_000) + "\r\n\r\n"
            #expect(await RawHTTP.exchange(port: port, big).hasPrefix("HTTP/1.1 431 Request Header Fields Too Large"))
            #expect(await RawHTTP.exchange(port: port, "GARBAGE\r\n\r\n").hasPrefix("HTTP/1.1 400 Bad Request"))
            let small = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Pad: " + String(repeating: "a", count: 4_000) + "\r\n\r\n"
            #expect(await RawHTTP.exchange(port: port, small).hasPrefix("HTTP/1.1 200 OK"))
            // A kept-alive connection whose second request overflows (after the first was answered;
            // past the upgrade negotiation, Hummingbird's own HTTP handling is in place): 431 too.
            let fd = RawHTTP.connect(port: port)
            defer { close(fd) }
            RawHTTP.send(fd, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(await RawHTTP.receive(fd, until: "ok\n").hasPrefix("HTTP/1.1 200 OK"))
            RawHTTP.send(fd, big)
            let second = await RawHTTP.receive(fd, until: nil)
            #expect(second.hasPrefix("HTTP/1.1 4"), "a 4xx for the overflow: \(second)")
        }
    }

    @Test func theConnectionBeyondTheLimitGets503() async throws {
        try await app(.init(maxConnections: 2, maxRequestBytes: 8 << 10)).test(.live) { client in
            let port = try #require(client.port)
            let held = [RawHTTP.connect(port: port), RawHTTP.connect(port: port)]
            try await Task.sleep(for: .milliseconds(200))
            let refused = await RawHTTP.exchange(port: port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(refused.hasPrefix("HTTP/1.1 503 Service Unavailable"), "\(refused)")
            #expect(refused.contains("Retry-After: 5"))
            for fd in held { close(fd) }
            // The count goes down as they close (within 10 s: a busy machine, a release build
            // beside the tests, once took more than the 2.5 s this allowed before).
            var answered = ""
            for _ in 0..<200 where !answered.hasPrefix("HTTP/1.1 200") {
                try await Task.sleep(for: .milliseconds(50))
                answered = await RawHTTP.exchange(port: port, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            }
            #expect(answered.hasPrefix("HTTP/1.1 200 OK"), "\(answered)")
        }
    }
}

/// Bytes to a loopback port and everything that comes back until the server closes (30 s at
/// most per read). The blocking reads run on a Dispatch global queue, never on the cooperative
/// pool: it has two threads here, Hummingbird's handlers need them to answer, and a test blocking
/// one while synchronous tests block the other left the server unable to reply (runs hung).
enum RawHTTP {
    /// `body` on a global queue's thread; the calling task waits without holding a pool thread.
    static func offPool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: body()) }
        }
    }

    static func exchange(port: Int, _ request: String) async -> String {
        await offPool { exchange(port: port, request) }
    }

    static func receive(_ fd: Int32, until marker: String?) async -> String {
        await offPool { receive(fd, until: marker) }
    }

    static func connect(port: Int) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    static func exchange(port: Int, _ request: String) -> String {
        let fd = connect(port: port)
        defer { close(fd) }
        send(fd, request)
        return receive(fd, until: nil)
    }

    static func send(_ fd: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Until `marker` has arrived, or (nil) until the server closes.
    static func receive(_ fd: Int32, until marker: String?) -> String {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            out += buffer[0..<n]
            if let marker, String(decoding: out, as: UTF8.self).hasSuffix(marker) { break }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
