import Glibc

/// A real `vitals agent` on 127.0.0.1, started by a test in the background: it can be killed and
/// started again on the same port and data directory.
public final class AgentProcess {
    public let port: Int
    public let directory: String
    private let extra: String
    public private(set) var pid: Int32?

    /// `extra`: more arguments (already quoted), such as `--api-key-file F`.
    public init(port: Int = LoopbackPort.free(), extra: String = "") {
        self.port = port
        self.extra = extra
        directory = Self.firstLine(Shell.run("mktemp -d /tmp/vitals-agent-XXXXXX").output)
    }

    public var url: String { "http://127.0.0.1:\(port)" }
    public var log: String { Fixtures.text(directory + "/agent.log") ?? "" }

    /// Starts it and waits (up to 20 s) until it has a snapshot; false if it never did.
    @discardableResult
    public func start() -> Bool {
        let command = "\(Shell.quote(BuiltProducts.vitals)) agent --listen 127.0.0.1:\(port) --data-dir \(Shell.quote(directory))/data \(extra)"
        pid = Int32(Self.firstLine(Shell.run("\(command) >> \(Shell.quote(directory))/agent.log 2>&1 & echo $!").output))
        return Shell.waitUntil(seconds: 20) {
            Shell.run("curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:\(port)/readyz").output == "200"
        }
    }

    /// SIGKILL: no goodbye on its connections' part beyond the kernel's reset.
    public func kill() {
        guard let pid else { return }
        Glibc.kill(pid, SIGKILL)
        _ = Shell.waitUntil(seconds: 10) { Glibc.kill(pid, 0) != 0 }
        self.pid = nil
    }

    static func firstLine(_ text: String) -> String {
        text.split(separator: "\n").first.map(String.init) ?? ""
    }

    deinit {
        kill()
        Shell.run("rm -rf \(Shell.quote(directory))")
    }
}
