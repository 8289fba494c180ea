import ArgumentParser
import VitalsCLI
import Dashboard
import Dispatch
import RemoteAttach
import Synchronization
import VitalsConfig

/// `vitals attach URL`: the dashboard over another host's agent (its stream and series API).
struct AttachCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attach",
        abstract: "Open the dashboard over a remote agent (vitals agent) instead of this host.",
        discussion: """
            URL is the agent's address: http://HOST:PORT (19100 when no port is given without a \
            scheme), https://… behind a TLS proxy, or the stream's ws:// URL. The panes show the \
            remote host's figures and its heaviest processes, the status line names it, and signals \
            are off. The ten minutes before attaching are fetched first. When the link drops the \
            status line says so, the graphs show the gap, and vitals reconnects after 2, 5, 10, then \
            every 30 s; what the agent recorded meanwhile is fetched from its series API. The key is \
            the one its agent wants: --api-key-file, server.api_key_file or VITALS_SERVER_API_KEY.
            """
    )

    @Argument(help: "The agent's URL, such as http://db1:19100.")
    var url: String

    @Option(name: .long, help: "File holding the agent's API key (server.api_key_file).")
    var apiKeyFile: String?

    @Option(name: .long, help: "Theme: a built-in name or a file in btop's format (dashboard.theme).")
    var theme: String?

    @Flag(name: .long, help: "Draw with ASCII characters only (dashboard.glyphs: ascii).")
    var ascii = false

    @OptionGroup var configOptions: ConfigOptions

    func run() throws {
        let environment = ProcessEnvironment.current()
        let target: AttachTarget
        do {
            target = try AttachTarget.parse(url)
        } catch {
            StandardError.line("vitals: \(error)")
            throw ExitCode(1)
        }
        var flags: [String: (text: String, flag: String)] = [:]
        if let apiKeyFile { flags["server.api_key_file"] = (apiKeyFile, "--api-key-file") }
        if let theme { flags["dashboard.theme"] = (theme, "--theme") }
        if ascii { flags["dashboard.glyphs"] = ("ascii", "--ascii") }
        let (config, _) = try configOptions.load(environment: environment, flags: flags)
        let options = try DashboardOptions.make(config, environment: environment, printProblems: true)
        let key: String?
        switch config.apiKey() {
        case let .success(k): key = k
        case let .failure(problem):
            StandardError.line("vitals: \(problem.message)")
            throw ExitCode(1)
        }
        let client = AttachClient(target: target, apiKey: key, keyFile: apiKeyFile ?? config.string("server.api_key_file"))
        // The first connection is checked before the screen opens: a wrong URL, key or scheme is
        // a message and exit status 1, never a dashboard that waits forever.
        let outcome = Mutex<Result<String, AttachError>?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            do throws(AttachError) {
                let host = try await client.check()
                outcome.withLock { $0 = .success(host) }
            } catch {
                outcome.withLock { $0 = .failure(error) }
            }
            done.signal()
        }
        done.wait()
        if case let .failure(error)? = outcome.withLock({ $0 }) {
            client.stop()
            StandardError.line("vitals: cannot attach: \(error)")
            throw ExitCode(1)
        }
        let status: Int32
        do {
            status = try DashboardApp.run(options, environment: environment, attach: client)
        } catch {
            StandardError.line("vitals: \(error)")
            throw ExitCode(1)
        }
        if status != 0 { throw ExitCode(status) }
    }
}
