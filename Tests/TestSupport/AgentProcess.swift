import Glibc

/// A real `vitals agent` on 127.0.0.1, started by a test in the background: it can be killed and
/// started again on the same port and data directory.
public final class AgentProcess {
    public private(set) var port: Int
    private var started = false
    public let directory: String
    private let extra: String
    /// More variables for the agent, from its next start.
    public var environment: [(String, String)]
    public private(set) var pid: Int32?

    /// `extra`: more arguments (already quoted), such as `--api-key-file F`; `environment`: more
    /// variables for it.
    public init(port: Int = LoopbackPort.free(), extra: String = "", environment: [(String, String)] = []) {
        self.port = port
        self.extra = extra
        self.environment = environment
        directory = Self.firstLine(Shell.run("mktemp -d /tmp/vitals-agent-XXXXXX").output)
    }

    public var url: String { "http://127.0.0.1:\(port)" }
    public var log: String { Fixtures.text(directory + "/agent.log") ?? "" }

    /// Starts it and waits (up to 20 s) until it has a snapshot; false if it never did.
    ///
    /// On its first start only, a port that another process took meanwhile ("Address already in
    /// use" in the log: the end-to-end tests run side by side) is traded for another, up to three
    /// times; a restart keeps its port, as a restarted agent would.
    @discardableResult
    public func start() async -> Bool {
        for attempt in 0..<3 {
            // env execs the agent: `$!` is the agent's pid either way.
            let variables = environment.isEmpty ? "" : "env " + environment.map { "\($0.0)=\(Shell.quote($0.1)) " }.joined()
            let command = "\(variables)\(Shell.quote(BuiltProducts.vitals)) agent --listen 127.0.0.1:\(port) --data-dir \(Shell.quote(directory))/data \(extra)"
            let pid = Int32(Self.firstLine(Shell.run("\(command) >> \(Shell.quote(directory))/agent.log 2>&1 & echo $!").output)) ?? 0
            self.pid = pid
            let port = port
            // Ready: this process answers (an agent that lost the port exits; another may answer there).
            var exited = false
            let ready = await Shell.waitUntil(seconds: 20) {
                exited = !Self.alive(pid)
                return exited || Shell.run("curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:\(port)/readyz").output == "200"
            }
            if ready, !exited, Self.alive(pid) {
                started = true
                return true
            }
            guard !started, attempt < 2, log.contains("Address already in use") else { return false }
            // Kept aside by copy, then emptied in place: the log stays the same file (a test may
            // have named its inode, as journald's JOURNAL_STREAM does).
            Shell.run("cp \(Shell.quote(directory))/agent.log \(Shell.quote(directory))/agent.\(port).log && : > \(Shell.quote(directory))/agent.log")
            self.port = LoopbackPort.free()
        }
        return false
    }

    /// SIGKILL: no goodbye on its connections' part beyond the kernel's reset.
    public func kill() async {
        guard let pid else { return }
        Glibc.kill(pid, SIGKILL)
        _ = await Shell.waitUntil(seconds: 10) { !Self.alive(pid) }
        self.pid = nil
    }

    /// Running, not a zombie (nobody may reap an orphaned agent here).
    static func alive(_ pid: Int32) -> Bool {
        guard pid > 0, Glibc.kill(pid, 0) == 0, let stat = Fixtures.text("/proc/\(pid)/stat"),
              let close = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(after: close)...].drop(while: { $0 == " " }).first != "Z"
    }

    static func firstLine(_ text: String) -> String {
        text.split(separator: "\n").first.map(String.init) ?? ""
    }

    deinit {
        if let pid {
            Glibc.kill(pid, SIGKILL)
            _ = Shell.waitUntil(seconds: 10) { !Self.alive(pid) }
        }
        Shell.run("rm -rf \(Shell.quote(directory))")
    }
}
