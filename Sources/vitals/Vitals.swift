import ArgumentParser

/// `vitals`: the dashboard by default; `vitals snapshot` for scripts.
@main
struct Vitals: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vitals",
        abstract: "A terminal dashboard for one Linux host: CPU, memory, disk, network and processes.",
        subcommands: [DashboardCommand.self, SnapshotCommand.self, AgentCommand.self, ReplayCommand.self, AttachCommand.self, AlertsCommand.self, ConfigCommand.self, BenchCommand.self],
        defaultSubcommand: DashboardCommand.self
    )
}
