import ArgumentParser
import Collectors
import VitalsCLI
import VitalsCore

/// `vitals`: the dashboard by default; `vitals snapshot` for scripts. The agent's commands and
/// `--serve` run in `vitals-agent` (see `Handover`): handed over before anything is parsed.
@main
struct Vitals: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vitals",
        abstract: "A terminal dashboard for one Linux host: CPU, memory, disk, network and processes.",
        discussion: "agent, attach, bench and --serve run in vitals-agent, beside this executable (same arguments).",
        version: VitalsVersion.withRevision,
        subcommands: [
            DashboardCommand.self, SnapshotCommand.self, ReplayCommand.self, AlertsCommand.self, ConfigCommand.self,
            AgentHandover.self, AttachHandover.self, BenchHandover.self,
        ],
        defaultSubcommand: DashboardCommand.self
    )

    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if Handover.isForAgent(arguments) { Handover.exec(arguments) }
        if arguments.isEmpty {
            // Plain `vitals`, the common case, skips ArgumentParser (see DashboardCommand); errors
            // are reported as `Vitals.main` reports them.
            do {
                try DashboardCommand.runWithoutArguments()
                return
            } catch {
                Vitals.exit(withError: error)
            }
        }
        Vitals.main(arguments)
    }
}

/// Listed in `vitals --help`; `vitals agent …` never gets here (handed over first).
struct AgentHandover: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent", abstract: "Run headless and serve /metrics, the JSON API and the stream (in vitals-agent)."
    )
    @Argument(parsing: .captureForPassthrough) var arguments: [String] = []
    func run() { Handover.exec(["agent"] + arguments) }
}

struct AttachHandover: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attach", abstract: "Open the dashboard over a remote agent instead of this host (in vitals-agent)."
    )
    @Argument(parsing: .captureForPassthrough) var arguments: [String] = []
    func run() { Handover.exec(["attach"] + arguments) }
}

struct BenchHandover: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: "Measure the store's and the alerts' costs (in vitals-agent).")
    @Argument(parsing: .captureForPassthrough) var arguments: [String] = []
    func run() { Handover.exec(["bench"] + arguments) }
}
