import ArgumentParser
import Dashboard
import Glibc
import VitalsConfig

/// The dashboard over a recorded data directory only: no live collection, no alerts evaluated,
/// nothing written. For a copy of another host's `~/.local/state/vitals`.
public struct ReplayCommand: ParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Open the dashboard over recorded history only (no live collection).",
        discussion: """
            Every pane shows the recording at the cursor: ← → (or [ ]) move it, g jumps to a time, \
            - and + zoom, Esc goes to the recording's end. Signals are off and nothing is written, \
            so a copied data directory stays as it was. The history file holds one-minute buckets \
            (48 hours) and 15-minute buckets (30 days) with the heaviest processes of each.
            """
    )

    @Option(name: .long, parsing: .unconditional, help: "Where the cursor starts: 03:12, -2h (before the recording's end) or 2026-11-30 03:12. Default: the end.")
    var from: String?

    @Option(name: .long, help: "The data directory holding history.sqlite (default: history.directory, else $XDG_STATE_HOME/vitals).")
    var dataDir: String?

    @Option(name: .long, help: "Theme: a built-in name or a file in btop's format (dashboard.theme).")
    var theme: String?

    @Flag(name: .long, help: "Draw with ASCII characters only (dashboard.glyphs: ascii).")
    var ascii = false

    @OptionGroup var configOptions: ConfigOptions

    public func run() throws {
        let environment = ProcessEnvironment.current()
        var flags: [String: (text: String, flag: String)] = [:]
        if let dataDir { flags["history.directory"] = (dataDir, "--data-dir") }
        if let theme { flags["dashboard.theme"] = (theme, "--theme") }
        if ascii { flags["dashboard.glyphs"] = ("ascii", "--ascii") }
        let (config, _) = try configOptions.load(environment: environment, flags: flags)
        let options = try DashboardOptions.make(config, environment: environment, printProblems: true)
        guard let directory = dataDir ?? options.historyDirectory else {
            StandardError.line("vitals: nothing to replay: history.persist is false; name a directory with --data-dir")
            throw ExitCode(1)
        }
        let status: Int32
        do {
            status = try DashboardApp.run(options, environment: environment, replay: DashboardApp.Replay(directory: directory, from: from))
        } catch {
            StandardError.line("vitals: \(error)")
            throw ExitCode(1)
        }
        if status != 0 { throw ExitCode(status) }
    }
}
