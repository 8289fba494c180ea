import Glibc

/// `vitals` is the dashboard's lean executable; the agent, `--serve`, `attach` and the benchmarks
/// live in `vitals-agent` (HTTP, WebSocket, TLS and Foundation's weight stay out of the dashboard's
/// start-up). `vitals agent …` replaces itself with `vitals-agent agent …`: same arguments, same
/// pid, same terminal.
public enum Handover {
    /// The first arguments `vitals` hands over, and the dashboard's flag that does.
    public static let commands: Set<String> = ["agent", "attach", "bench"]

    /// Whether these arguments (without the program's name) belong to `vitals-agent`.
    public static func isForAgent(_ arguments: [String]) -> Bool {
        guard let first = arguments.first else { return false }
        if commands.contains(first) { return true }
        // `--serve` on the dashboard (the default command, or named).
        let dashboard = first == "dashboard" || first.hasPrefix("-")
        return dashboard && arguments.contains { $0 == "--serve" || $0.hasPrefix("--serve=") }
    }

    /// `vitals-agent` beside this executable, else on PATH.
    public static func agentExecutable() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if n > 0 {
            let exe = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if let slash = exe.lastIndex(of: "/") {
                let sibling = String(exe[..<slash]) + "/vitals-agent"
                if access(sibling, X_OK) == 0 { return sibling }
            }
        }
        for dir in (getenv("PATH").map { String(cString: $0) } ?? "").split(separator: ":") {
            let candidate = String(dir) + "/vitals-agent"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// Replaces this process with `vitals-agent arguments…`; returns only when it cannot.
    public static func exec(_ arguments: [String]) -> Never {
        guard let path = agentExecutable() else {
            StandardError.line(
                "vitals: `vitals \(arguments.first ?? "")` runs in vitals-agent, which is not beside this vitals nor on PATH; "
                    + "build it with `swift build -c release --product vitals-agent`"
            )
            exit(1)
        }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        execv(path, argv)
        StandardError.line("vitals: cannot start \(path): \(String(cString: strerror(errno)))")
        exit(1)
    }
}
