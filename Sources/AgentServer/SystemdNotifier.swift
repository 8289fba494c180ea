import Glibc

/// sd_notify(3)'s protocol without libsystemd: newline-separated `KEY=VALUE` fields in one
/// datagram to the unix socket `NOTIFY_SOCKET` names (a path, or `@name` in the abstract
/// namespace). systemd sets it for a `Type=notify` unit; elsewhere there is none and nothing is sent.
struct SystemdNotifier: Sendable {
    let socketPath: String
    /// Half of `WATCHDOG_USEC` (systemd's advice), when the watchdog is on for this process.
    let watchdogInterval: Duration?

    /// From the environment: nil without `NOTIFY_SOCKET`. The watchdog is this process's when
    /// `WATCHDOG_PID` is unset or names it.
    static func fromEnvironment(_ environment: (String) -> String?, pid: Int32) -> SystemdNotifier? {
        guard let socket = environment("NOTIFY_SOCKET"), !socket.isEmpty, socket.hasPrefix("/") || socket.hasPrefix("@") else { return nil }
        var watchdog: Duration?
        if let usec = environment("WATCHDOG_USEC").flatMap(Int64.init), usec > 0,
           environment("WATCHDOG_PID").map({ Int32($0) == pid }) ?? true {
            watchdog = .microseconds(usec / 2)
        }
        return SystemdNotifier(socketPath: socket, watchdogInterval: watchdog)
    }

    /// `READY=1\nSTATUS=…`: the fields as one message (a field's newlines would end it early: spaces).
    static func message(_ fields: [(String, String)]) -> String {
        fields.map { $0.0 + "=" + $0.1.oneLine }.joined(separator: "\n")
    }

    /// Sends the fields; false if the socket did not take them (systemd gone: nothing to do).
    @discardableResult
    func send(_ fields: [(String, String)]) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let path = Array(socketPath.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard path.count < capacity else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, b) in path.enumerated() { raw[i] = b }
            if path.first == UInt8(ascii: "@") { raw[0] = 0 }  // the abstract namespace
        }
        // An abstract address is as long as its name; a path ends at its NUL.
        let length = MemoryLayout<sa_family_t>.size + path.count + (path.first == UInt8(ascii: "@") ? 0 : 1)
        let bytes = Array(Self.message(fields).utf8)
        let sent = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sockaddr in
                bytes.withUnsafeBytes { sendto(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL), sockaddr, socklen_t(length)) }
            }
        }
        return sent == bytes.count
    }
}

extension String {
    /// Line breaks (LF, CR) as spaces.
    fileprivate var oneLine: String {
        var out = ""
        for scalar in unicodeScalars { out.unicodeScalars.append(scalar == "\n" || scalar == "\r" ? " " : scalar) }
        return out
    }
}
