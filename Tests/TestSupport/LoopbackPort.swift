import Glibc
import Synchronization

/// A TCP port on 127.0.0.1 that nothing listens on right now.
///
/// Taken below the kernel's ephemeral range (32768 and up by default), from a counter shared by
/// the whole test process: a port the kernel had picked, once closed, could be handed to another
/// test's outgoing connection before the test's server bound it ("Address already in use", seen
/// when the end-to-end tests run side by side).
public enum LoopbackPort {
    private static let next = Atomic<Int>(Int.random(in: 0..<10_000))

    public static func free() -> Int {
        for _ in 0..<500 {
            let port = 20_000 + next.add(1, ordering: .relaxed).newValue % 12_000
            if let bound = bind(port: port) { return bound }
        }
        return bind(port: 0) ?? 0
    }

    /// Binds `port` (0: the kernel's choice), closes it again, and returns the port, or nil.
    private static func bind(port: Int) -> Int? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { return nil }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
