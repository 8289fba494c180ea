import AgentServer
import ArgumentParser
import VitalsCLI
import Dispatch
import Glibc
import Synchronization
import VitalsConfig

/// `vitals agent`: headless; serves /metrics and the JSON API.
struct AgentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent",
        abstract: "Run headless: collect, keep history, evaluate alerts, and serve Prometheus /metrics and a JSON API.",
        discussion: """
            Listens on 127.0.0.1:19100 by default (server.listen): a port of its own, outside \
            9100-9999, which Prometheus' registry hands to exporters (node_exporter owns 9100). \
            A non-loopback address needs an API key (server.api_key_file), or --insecure-no-auth. \
            SIGTERM and SIGINT stop it gracefully; SIGHUP re-reads the configuration.
            """
    )

    @Option(name: .long, help: "Address to listen on, HOST:PORT (server.listen).")
    var listen: String?

    @Option(name: .long, help: "File holding the API key clients must send (server.api_key_file).")
    var apiKeyFile: String?

    @Flag(name: .long, help: "Serve a non-loopback address without an API key (server.insecure_no_auth).")
    var insecureNoAuth = false

    @Option(name: .long, help: "Log lines on stderr: plain or json (server.log_format).")
    var logFormat: String?

    @Option(name: .long, help: "Time between collections (interval).")
    var interval: String?

    @Option(name: .long, help: "Directory of the history and alert files (history.directory).")
    var dataDir: String?

    @Flag(name: .long, help: "Keep history in memory only (history.persist: false).")
    var noHistoryFile = false

    @OptionGroup var configOptions: ConfigOptions
    @OptionGroup var source: SourceOptions

    var flags: [String: (text: String, flag: String)] {
        var out = source.flags
        if let listen { out["server.listen"] = (listen, "--listen") }
        if let apiKeyFile { out["server.api_key_file"] = (apiKeyFile, "--api-key-file") }
        if insecureNoAuth { out["server.insecure_no_auth"] = ("true", "--insecure-no-auth") }
        if let logFormat { out["server.log_format"] = (logFormat, "--log-format") }
        if let interval { out["interval"] = (interval, "--interval") }
        if let dataDir { out["history.directory"] = (dataDir, "--data-dir") }
        if noHistoryFile { out["history.persist"] = ("false", "--no-history-file") }
        return out
    }

    func run() throws {
        let environment = ProcessEnvironment.current()
        let (config, loader) = try configOptions.load(environment: environment, flags: flags)
        let options: AgentOptions
        do {
            options = try AgentOptions(config: config, environment: environment)
        } catch {
            StandardError.line("vitals: \(error)")
            throw ExitCode(1)
        }
        for problem in options.alerts.problems { StandardError.line(problem.description) }
        let reload: @Sendable () -> Result<AgentOptions, AgentStartError> = {
            let (fresh, diagnostics) = loader.load()
            let problems = diagnostics.filter { $0.severity == .error }.map(\.description)
            guard let fresh, problems.isEmpty else { return .failure(AgentStartError(problems.joined(separator: "; "))) }
            do {
                return .success(try AgentOptions(config: fresh, environment: environment))
            } catch {
                return .failure(AgentStartError("\(error)"))
            }
        }
        // The command line is synchronous; the server runs on Swift concurrency until it stops.
        let done = DispatchSemaphore(value: 0)
        let failure = FailureBox()
        Task {
            do {
                try await Agent.run(options, reload: reload)
            } catch {
                failure.set("\(error)")
            }
            done.signal()
        }
        done.wait()
        if let message = failure.message {
            StandardError.line("vitals: \(message)")
            throw ExitCode(1)
        }
    }
}

/// Carries the agent's error from its task back to the command line.
final class FailureBox: Sendable {
    private let stored = Mutex<String?>(nil)
    func set(_ message: String) { stored.withLock { $0 = message } }
    var message: String? { stored.withLock { $0 } }
}
