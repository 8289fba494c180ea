import AgentServer
import AlertSenders
import ArgumentParser
import Dashboard
import Collectors
import VitalsCLI
import VitalsCore

/// `vitals-agent`: everything `vitals` does, and what needs HTTP, WebSocket and TLS: `agent`,
/// `attach`, `bench` and the dashboard with `--serve`. `vitals` hands these over to it.
@main
struct VitalsAgent: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vitals-agent",
        abstract: "vitals with its server side: the agent, --serve, attach and the benchmarks.",
        version: VitalsVersion.withRevision,
        subcommands: [
            DashboardCommand.self, SnapshotCommand.self, AgentCommand.self, ReplayCommand.self, AttachCommand.self, AlertsCommand.self,
            ConfigCommand.self, BenchCommand.self, DeliverCommand.self,
        ],
        defaultSubcommand: DashboardCommand.self
    )

    /// The dashboard as this executable hosts it: `--serve` runs the server in process, and
    /// notifications are sent in process.
    static let host = DashboardHost(
        serve: { config, environment, pipeline in
            let server = try EmbeddedServer.start(try AgentOptions(config: config, environment: environment), pipeline: pipeline)
            return DashboardApp.Serving(address: server.address) { server.stop() }
        },
        delivery: AlertDeliverer.factory
    )

    static func main() {
        do {
            var command = try parseAsRoot(nil)
            if let dashboard = command as? DashboardCommand {
                try dashboard.run(host: host)
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
