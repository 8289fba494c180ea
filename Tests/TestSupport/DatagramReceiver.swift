import Glibc

/// A unix datagram socket a test binds (a path, or a name in the abstract namespace), standing in
/// for systemd's notify socket.
public final class DatagramReceiver: Sendable {
    let fd: Int32
    public let path: String
    let abstract: Bool

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public init(path: String, abstract: Bool = false) throws {
        self.path = path
        self.abstract = abstract
        if !abstract { unlink(path) }
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        let offset = abstract ? 1 : 0
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, b) in bytes.enumerated() where i + offset < raw.count - 1 { raw[i + offset] = b }
        }
        let length = MemoryLayout<sa_family_t>.size + bytes.count + 1
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(length)) } }
        guard bound == 0 else { throw Failure(description: "bind \(path): \(String(cString: strerror(errno)))") }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// The next datagram as text, or nil after `timeout` seconds (5 at most) without one.
    public func receive() -> String? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        return n < 0 ? nil : String(decoding: buffer[0..<n], as: UTF8.self)
    }

    /// The path for NOTIFY_SOCKET.
    public var notifySocket: String { abstract ? "@" + path : path }

    deinit {
        close(fd)
        if !abstract { unlink(path) }
    }
}
