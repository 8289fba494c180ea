import ArgumentParser
import Dashboard
import Glibc
import HistoryFile
import ProcFS
import Rendering
import Theming

/// The full-screen dashboard (the default command).
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Open the live dashboard (the default). Keys: q or Ctrl-C quits."
    )

    @Option(name: .long, help: "Seconds between refreshes (0.1 to 3600).")
    var interval: Double = 1

    @Option(name: .long, help: "A theme file in btop's format (theme[key]=\"#RRGGBB\").")
    var theme: String?

    @Option(name: .long, help: "Order of the process table: cpu, memory or io.")
    var sort: ProcessSort = .cpu

    @Option(name: .long, help: "Directory of the history file (default: $XDG_STATE_HOME/vitals, else ~/.local/state/vitals).")
    var dataDir: String?

    @Flag(name: .long, help: "Keep history in memory only: read and write no history file.")
    var noHistoryFile = false

    @OptionGroup var source: SourceOptions

    func validate() throws {
        guard interval.isFinite, interval >= 0.1, interval <= 3600 else {
            throw ValidationError("--interval must be between 0.1 and 3600 seconds, got \(interval)")
        }
    }

    func run() throws {
        let environment = ProcessEnvironment.current()
        var options = DashboardOptions(
            interval: .milliseconds(Int64((interval * 1000).rounded())), procfs: source.procfs, sysfs: source.sysfs,
            theme: try loadTheme()
        )
        options.sort = sort
        options.historyCapacity = max(1, Int((3600 / interval).rounded(.up)))
        options.historyDirectory = noHistoryFile ? nil : HistoryDirectory.resolve(explicit: dataDir, environment: environment)
        options.ignoredFilesystemTypes = source.ignoredFilesystemTypes
        let status: Int32
        do {
            status = try DashboardApp.run(options, environment: environment)
        } catch {
            // Not a usage mistake (no terminal, curses cannot start): one line, exit status 1.
            StandardError.line("vitals: \(error)")
            throw ExitCode(1)
        }
        if status != 0 { throw ExitCode(status) }
    }

    /// A theme file with problems still loads (bad lines keep the default's colours); each problem
    /// is printed as `file:line: message` before the screen opens.
    private func loadTheme() throws -> Theme {
        guard let path = theme else { return .default }
        var buffer = ReadBuffer(capacity: 8192, limit: 1 << 20)
        let bytes: ArraySlice<UInt8>
        do {
            bytes = try ProcFS.read(absolute: path, into: &buffer)
        } catch {
            throw ValidationError("cannot read theme: \(error)")
        }
        let (theme, diagnostics) = ThemeParser.parse(String(decoding: bytes, as: UTF8.self), name: path, file: path)
        for d in diagnostics { StandardError.line("vitals: \(d)") }
        return theme
    }
}
