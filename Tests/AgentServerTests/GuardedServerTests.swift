@testable import AgentServer
import Glibc
import Hummingbird
import HummingbirdTesting
import HummingbirdWebSocket
import HummingbirdWSClient
import HummingbirdWSTesting
import Testing
import VitalsCore

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

    @Test func theConnectionBeyondTheLimitGets503ButHealthStillAnswers() async throws {
        try await app(.init(maxConnections: 2, maxRequestBytes: 8 << 10, maxConnectionsPerAddress: 2)).test(.live) { client in
            let port = try #require(client.port)
            let held = [RawHTTP.connect(port: port), RawHTTP.connect(port: port)]
            try await Task.sleep(for: .milliseconds(200))
            let refused = await RawHTTP.exchange(port: port, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(refused.hasPrefix("HTTP/1.1 503 Service Unavailable"), "\(refused)")
            #expect(refused.contains("Retry-After: 5") && refused.contains("too many connections (2 in all)"), "\(refused)")
            let health = await RawHTTP.exchange(port: port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(health.hasPrefix("HTTP/1.1 200 OK") && health.hasSuffix("\r\n\r\nok\n"), "\(health)")
            let ready = await RawHTTP.exchange(port: port, "GET /readyz?verbose HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(ready.hasPrefix("HTTP/1.1 200 OK") && ready.hasSuffix("ready\n"), "\(ready)")
            for fd in held { close(fd) }
            // The count goes down as they close (within 10 s: a busy machine, a release build
            // beside the tests, once took more than the 2.5 s this allowed before).
            var answered = ""
            for _ in 0..<200 where !answered.hasPrefix("HTTP/1.1 200") {
                try await Task.sleep(for: .milliseconds(50))
                answered = await RawHTTP.exchange(port: port, "GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            }
            #expect(answered.hasPrefix("HTTP/1.1 200 OK"), "\(answered)")
        }
    }

    @Test func oneAddressCannotTakeEveryConnection() async throws {
        try await app(.init(maxConnections: 10, maxRequestBytes: 8 << 10, maxConnectionsPerAddress: 3)).test(.live) { client in
            let port = try #require(client.port)
            let held = (0..<3).map { _ in RawHTTP.connect(port: port) }
            defer { for fd in held { close(fd) } }
            try await Task.sleep(for: .milliseconds(200))
            let refused = await RawHTTP.exchange(port: port, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(refused.hasPrefix("HTTP/1.1 503") && refused.contains("too many connections (3 from one address)"), "\(refused)")
        }
    }

    /// Three requests at once, then one every 100 s, per address: the fourth from 127.0.0.1 is
    /// refused with Retry-After (at most 100 s: the bucket refills continuously, so a slow machine
    /// that took seconds over the first three is told a little less), /healthz still answers, and
    /// 127.0.0.2 has its own bucket.
    @Test func oneAddressOverItsRateGets429AndNobodyElseDoes() async throws {
        let core = try AgentFixture.core()
        let limiter = RateLimiter(.init(rate: 0.01, burst: 3))
        let app = Application(
            router: AgentRoutes.router(core: core, settings: .init(rateLimiter: limiter)),
            server: GuardedServer.builder(.init(maxConnections: 10, maxRequestBytes: 8 << 10), webSocketRouter: StreamRoute.router(core: core, hub: StreamHub(), apiKey: nil))
        )
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let request = "GET /api/v1/status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
            for _ in 0..<3 { #expect(await RawHTTP.exchange(port: port, request).hasPrefix("HTTP/1.1 200 OK")) }
            let refused = await RawHTTP.exchange(port: port, request)
            #expect(refused.hasPrefix("HTTP/1.1 429 Too Many Requests"), "\(refused)")
            let retryAfter = try #require(Self.header("Retry-After", in: refused).flatMap { Int($0) }, "\(refused)")
            #expect((80...100).contains(retryAfter), "\(refused)")
            #expect(refused.contains("too many requests from 127.0.0.1: at most 0.01 a second (bursts of 3); retry in \(retryAfter) s"), "\(refused)")
            #expect(await RawHTTP.exchange(port: port, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").hasPrefix("HTTP/1.1 200 OK"))
            #expect(await RawHTTP.exchange(port: port, request, from: "127.0.0.2").hasPrefix("HTTP/1.1 200 OK"))
            #expect(limiter.refused == 1)
        }
    }

    /// The value of a header in a raw HTTP answer's head.
    static func header(_ name: String, in answer: String) -> String? {
        let head = answer.split(separator: "\r\n\r\n", maxSplits: 1).first ?? ""
        let prefix = name.lowercased() + ":"
        return head.split(separator: "\r\n").first { $0.lowercased().hasPrefix(prefix) }
            .flatMap { $0.dropFirst(prefix.count).split(separator: " ").first.map(String.init) }
    }

    /// A head timeout of 300 ms, so the tests below wait for it briefly.
    static var shortHeadTimeout: GuardedServer.Limits {
        var limits = GuardedServer.Limits(maxConnections: 4, maxRequestBytes: 8 << 10)
        limits.headTimeout = .milliseconds(300)
        return limits
    }

    /// Nothing, one byte, an HTTP/0.9 line, headers without their blank line: each is answered
    /// 408 and closed once the head timeout passes, instead of holding its slot for ever.
    @Test(arguments: ["", "G", "GET /\r\n", "GET /metrics HTTP/1.1\r\nHost: x\r\n"])
    func aRequestHeadThatNeverEndsIsClosed(_ partial: String) async throws {
        try await app(Self.shortHeadTimeout).test(.live) { client in
            let port = try #require(client.port)
            let fd = RawHTTP.connect(port: port)
            defer { close(fd) }
            RawHTTP.send(fd, partial)
            let started = Self.seconds()
            let answer = await RawHTTP.receive(fd, until: nil)
            #expect(answer.hasPrefix("HTTP/1.1 408 Request Timeout"), "\(answer)")
            #expect(Self.seconds() - started < 5, "closed after the head timeout, not the idle timeout")
            // A complete request on a fresh connection is not affected.
            #expect(await RawHTTP.exchange(port: port, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").hasPrefix("HTTP/1.1 200 OK"))
        }
    }

    /// A kept-alive connection that answered one request gets the head timeout again for the next.
    @Test func theSecondRequestOfAConnectionHasADeadlineToo() async throws {
        try await app(Self.shortHeadTimeout).test(.live) { client in
            let port = try #require(client.port)
            let fd = RawHTTP.connect(port: port)
            defer { close(fd) }
            RawHTTP.send(fd, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(await RawHTTP.receive(fd, until: "ok\n").hasPrefix("HTTP/1.1 200 OK"))
            try await Task.sleep(for: .milliseconds(500))
            RawHTTP.send(fd, "GET /healthz HTTP/1.1\r\nHos")
            let answer = await RawHTTP.receive(fd, until: nil)
            #expect(answer.hasPrefix("HTTP/1.1 408"), "\(answer)")
        }
    }

    func keyedApp(_ key: String) throws -> some ApplicationProtocol {
        let core = try AgentFixture.core()
        return Application(
            router: AgentRoutes.router(core: core, apiKey: key),
            server: GuardedServer.builder(.init(), webSocketRouter: StreamRoute.router(core: core, hub: StreamHub(), apiKey: key), apiKey: key)
        )
    }

    /// What the README says, on the wire: 401 on a handshake without the key or with a wrong one,
    /// 426 for a plain GET of the stream, 405 for TRACE and CONNECT, and a pipelined request
    /// answered before the garbage after it is refused.
    @Test func documentedAnswersOnTheWire() async throws {
        let key = "right-key-0123456789abcdef"
        try await keyedApp(key).test(.live) { client in
            let port = try #require(client.port)
            let handshake = "GET /api/v1/stream HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            for auth in ["", "Authorization: Bearer wrong-key-0123456789abcdef\r\n"] {
                let answer = await RawHTTP.exchange(port: port, handshake + auth + "Connection: close\r\n\r\n")
                #expect(answer.hasPrefix("HTTP/1.1 401"), "\(answer)")
            }
            let fd = RawHTTP.connect(port: port)
            RawHTTP.send(fd, handshake + "Authorization: Bearer \(key)\r\n\r\n")
            let upgraded = await RawHTTP.receive(fd, until: "\r\n\r\n")
            close(fd)
            #expect(upgraded.hasPrefix("HTTP/1.1 101"), "\(upgraded)")
            let plain = await RawHTTP.exchange(port: port, "GET /api/v1/stream HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(key)\r\nConnection: close\r\n\r\n")
            #expect(plain.hasPrefix("HTTP/1.1 426") && plain.contains("pgrade: websocket"), "\(plain)")
            for method in ["TRACE", "CONNECT"] {
                let answer = await RawHTTP.exchange(port: port, "\(method) /metrics HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(key)\r\nConnection: close\r\n\r\n")
                #expect(answer.hasPrefix("HTTP/1.1 405") && answer.lowercased().contains("allow: get, head"), "\(method): \(answer)")
            }
            let pipelined = await RawHTTP.exchange(port: port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGARBAGE\r\n\r\n")
            #expect(pipelined.hasPrefix("HTTP/1.1 200 OK"), "\(pipelined)")
            #expect(pipelined.contains("ok\nHTTP/1.1 400 Bad Request"), "\(pipelined)")
        }
    }

    /// A client's own WebSocket messages pass the guards once the connection is upgraded (they are
    /// frames, not HTTP: the request gate leaves at the 101), and are answered; the server goes on.
    @Test func aClientsMessagesAfterTheUpgradeAreAnswered() async throws {
        let core = try AgentFixture.core()
        let app = Application(
            router: AgentRoutes.router(core: core, apiKey: nil),
            server: GuardedServer.builder(.init(), webSocketRouter: StreamRoute.router(core: core, hub: StreamHub(), apiKey: nil))
        )
        try await app.test(.live) { client in
            let answers = Box()
            for _ in 0..<2 {
                _ = try await client.ws("/api/system/ws") { inbound, outbound, _ in
                    var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                    try await outbound.write(.text(#"{"type":"ping"}"#))
                    try await outbound.write(.text("nonsense"))
                    var seen: [String] = []
                    while seen.count < 2, let message = try await messages.next() {
                        if case let .text(text) = message, text.hasPrefix("{\"type\":\"pong\"") || text.hasPrefix("{\"type\":\"error\"") { seen.append(text) }
                    }
                    answers.set(seen.joined(separator: "\n"), "", 0)
                    try await outbound.close(.normalClosure, reason: nil)
                }
                #expect(answers.value.0.contains("\"pong\"") && answers.value.0.contains("not a JSON object"), "\(answers.value.0)")
            }
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok, "the server is still there")
        }
    }

    /// A stream client that stops reading: once its socket has been unwritable for the stall
    /// timeout, the server closes it. The hub's own lag limit is put out of reach so that the stall
    /// guard alone acts: with it at 0.5 s, a busy cooperative pool (the whole suite running) let the
    /// hub find the client lagging before its first frame was written, close it with 1008 over a
    /// socket that was still writable, and no stall ever came.
    @Test func aStreamClientThatStopsReadingIsCut() async throws {
        let core = try AgentFixture.core()
        let hub = StreamHub(maxClients: 4, maxLag: 600)
        let table = ConnectionTable()
        var limits = GuardedServer.Limits(maxConnections: 8, maxRequestBytes: 8 << 10)
        limits.stallTimeout = .seconds(1)
        let app = Application(
            router: AgentRoutes.router(core: core, apiKey: nil),
            server: GuardedServer.builder(limits, webSocketRouter: StreamRoute.router(core: core, hub: hub, apiKey: nil), table: table)
        )
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let fd = RawHTTP.connect(port: port, receiveBuffer: 4096)
            defer { close(fd) }
            RawHTTP.send(fd, "GET /api/v1/stream HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
            try await Task.sleep(for: .milliseconds(300))
            // (The test client may hold a connection of its own beside this one.)
            let during = table.open
            #expect(during >= 1)
            // Frames of 1 MB a tick that the client never reads: its buffers fill, the socket
            // stays unwritable, and the server lets go of it without the client's help.
            let frame = String(repeating: "x", count: 1 << 20)
            for _ in 0..<60 where table.stalls.load(ordering: .relaxed) == 0 {
                hub.broadcast(frame)
                try await Task.sleep(for: .milliseconds(100))
            }
            try await Task.sleep(for: .milliseconds(100))
            #expect(table.open < during, "the connection was closed by the server")
            #expect(table.stalls.load(ordering: .relaxed) == 1)
        }
    }

    /// A client that answers no WebSocket ping (one that stopped reading answers none, however
    /// much the kernel's buffers still take) is closed with 1001 when the next ping is due.
    @Test func aStreamClientThatAnswersNoPingIsClosed() async throws {
        var limits = GuardedServer.Limits(maxConnections: 8, maxRequestBytes: 8 << 10)
        limits.pingPeriod = .milliseconds(500)
        try await app(limits).test(.live) { client in
            let port = try #require(client.port)
            let fd = RawHTTP.connect(port: port)
            defer { close(fd) }
            let started = Self.seconds()
            RawHTTP.send(fd, "GET /api/system/ws HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
            // Everything until the server closes: the 101, the messages on connect, a ping, the close.
            let bytes = await RawHTTP.receiveBytes(fd)
            let elapsed = Self.seconds() - started
            #expect(bytes.starts(with: Array("HTTP/1.1 101".utf8)))
            #expect(bytes.contains(0x89), "a ping was sent")
            let close: [UInt8] = [0x03, 0xE9]  // 1001, going away
            let at = bytes.lastIndex(of: 0x88)
            #expect(at.map { Array(bytes[($0 + 2)...].prefix(2)) } == close, "closed with 1001")
            #expect(elapsed >= 0.9 && elapsed < 3, "closed when the second ping was due: \(elapsed) s")
        }
    }

    static func seconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

/// Bytes to a loopback port and everything that comes back until the server closes (30 s at
/// most per read). The blocking reads run on a thread of their own, never on the cooperative
/// pool: it has two threads here, Hummingbird's handlers need them to answer, and a test blocking
/// one while synchronous tests block the other left the server unable to reply (runs hung). Nor
/// on a Dispatch global queue, whose pool grows only slowly when its threads block.
enum RawHTTP {
    /// `body` on a new thread; the calling task waits without holding a pool thread.
    static func offPool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            BackgroundThread.run { continuation.resume(returning: body()) }
        }
    }

    static func exchange(port: Int, _ request: String, from source: String? = nil) async -> String {
        await offPool { exchange(port: port, request, from: source) }
    }

    static func receive(_ fd: Int32, until marker: String?) async -> String {
        await offPool { receive(fd, until: marker) }
    }

    /// `source`: the loopback address to connect from (127.0.0.2: another client).
    static func connect(port: Int, receiveBuffer: Int32? = nil, from source: String? = nil) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        if var size = receiveBuffer { setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size)) }
        if let source {
            var local = sockaddr_in()
            local.sin_family = sa_family_t(AF_INET)
            local.sin_addr.s_addr = inet_addr(source)
            _ = withUnsafePointer(to: &local) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    static func exchange(port: Int, _ request: String, from source: String? = nil) -> String {
        let fd = connect(port: port, from: source)
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
        String(decoding: receiveBytes(fd, until: marker), as: UTF8.self)
    }

    /// The bytes as they came (WebSocket frames are not text), until `marker` or the close.
    static func receiveBytes(_ fd: Int32, until marker: String? = nil) -> [UInt8] {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            out += buffer[0..<n]
            if let marker, String(decoding: out, as: UTF8.self).hasSuffix(marker) { break }
        }
        return out
    }

    static func receiveBytes(_ fd: Int32) async -> [UInt8] {
        await offPool { receiveBytes(fd, until: nil) }
    }
}
