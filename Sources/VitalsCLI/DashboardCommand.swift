import AlertDelivery
import ArgumentParser
import Dashboard
import Glibc
import Rendering
import VitalsConfig

/// The full-screen dashboard (the default command).
public struct DashboardCommand: ParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Open the live dashboard (the default). Keys: ? (or h, F1) lists them all; q or F10 quits; R re-reads the configuration."
    )

    @Option(name: .long, help: "Time between refreshes: 1, 500ms, 2s … (0.1 s to 1 h; interval).")
    var interval: String?

    @Option(name: .long, help: "Theme: a built-in name or a file in btop's format (dashboard.theme).")
    var theme: String?

    @Option(name: .long, help: "Order of the process table: cpu, memory or io (dashboard.sort).")
    var sort: String?

    @Option(name: .long, help: "Directory of the history file (history.directory; default: $XDG_STATE_HOME/vitals, else ~/.local/state/vitals).")
    var dataDir: String?

    @Flag(name: .long, help: "Keep history in memory only: read and write no history file (history.persist: false).")
    var noHistoryFile = false

    @Flag(name: .long, help: "Draw with ASCII characters only (dashboard.glyphs: ascii).")
    var ascii = false

    @Option(name: .long, help: "Colour depth: auto, truecolor, 256, 16, 8 or none (dashboard.colors).")
    var colors: String?

    @Flag(name: .long, help: "Send no signals to processes: k is off (dashboard.read_only).")
    var readOnly = false

    @Option(name: .long, help: ArgumentHelp("Also serve /metrics, the JSON API and the stream on HOST:PORT, as `vitals agent` does (server.listen).", valueName: "addr"))
    var serve: String?

    @Option(name: .long, help: "With --serve: file holding the API key clients must send (server.api_key_file).")
    var apiKeyFile: String?

    @Flag(name: .long, help: "With --serve: serve a non-loopback address without an API key (server.insecure_no_auth).")
    var insecureNoAuth = false

    @OptionGroup var configOptions: ConfigOptions
    @OptionGroup var source: SourceOptions

    public var flags: [String: (text: String, flag: String)] {
        var out = source.flags
        if let interval { out["interval"] = (interval, "--interval") }
        if let theme { out["dashboard.theme"] = (theme, "--theme") }
        if let sort { out["dashboard.sort"] = (sort, "--sort") }
        if let dataDir { out["history.directory"] = (dataDir, "--data-dir") }
        if noHistoryFile { out["history.persist"] = ("false", "--no-history-file") }
        if readOnly { out["dashboard.read_only"] = ("true", "--read-only") }
        if ascii { out["dashboard.glyphs"] = ("ascii", "--ascii") }
        if let colors { out["dashboard.colors"] = (colors, "--colors") }
        if let serve { out["server.listen"] = (serve, "--serve") }
        if let apiKeyFile { out["server.api_key_file"] = (apiKeyFile, "--api-key-file") }
        if insecureNoAuth { out["server.insecure_no_auth"] = ("true", "--insecure-no-auth") }
        return out
    }

    /// As `vitals` runs it (see `DashboardHost.lean`).
    public func run() throws {
        try run(host: .lean)
    }

    /// As the executable running it hosts it (`vitals-agent` brings its server and delivery).
    public func run(host: DashboardHost) throws {
        try Self.run(flags: flags, configPath: configOptions.config, serve: serve != nil, host: host)
    }

    /// Plain `vitals` (no arguments) comes here straight from `main`, without ArgumentParser: its
    /// reflection over the commands was about a millisecond of a 12 ms start (docs/PERFORMANCE.md).
    public static func runWithoutArguments() throws {
        try run(flags: [:], configPath: nil, serve: false, host: .lean)
    }

    /// The dashboard with these command-line settings, `--config` and whether `--serve` was given.
    static func run(flags: [String: (text: String, flag: String)], configPath: String?, serve: Bool, host: DashboardHost) throws {
        let environment = ProcessEnvironment.current()
        // Every problem is printed before the screen opens; the terminal is never touched.
        let (config, loader) = try ConfigOptions.load(path: configPath, environment: environment, flags: flags)
        let options = try DashboardOptions.make(config, environment: environment, printProblems: true)
        let reload: ConfigReloader = {
            let (fresh, diagnostics) = loader.load()
            let problems = diagnostics.filter { $0.severity == .error }.map(\.description)
            guard let fresh, problems.isEmpty else { return .failure(ConfigReloadFailure(problems: problems)) }
            do {
                return .success(try DashboardOptions.make(fresh, environment: environment, printProblems: false))
            } catch {
                return .failure(ConfigReloadFailure(problems: ["\(error)"]))
            }
        }
        // --serve: the server binds over the dashboard's pipeline before the screen opens, so a
        // refusal is a plain message (DashboardApp's start error).
        var serveOver: DashboardApp.Serve?
        if serve {
            guard let hook = host.serve else { Handover.exec(Array(CommandLine.arguments.dropFirst())) }
            serveOver = { pipeline in try hook(config, environment, pipeline) }
        }
        let status: Int32
        do {
            let delivery = host.delivery ?? ChildDelivery.factory(configPath: configPath)
            status = try DashboardApp.run(options, environment: environment, reload: reload, serve: serveOver, delivery: delivery)
        } catch {
            // Not a usage mistake (no terminal, curses cannot start, the address refused): one line, exit status 1.
            StandardError.line("vitals: \(error)")
            throw ExitCode(1)
        }
        if status != 0 { throw ExitCode(status) }
    }
}
