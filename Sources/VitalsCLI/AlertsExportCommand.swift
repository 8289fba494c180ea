import AlertDelivery
import Alerting
import ArgumentParser
import VitalsConfig

/// `vitals alerts export --format prometheus`: the effective rules (the shipped ones unless
/// `alerts.defaults: false`, and the file's) as a Prometheus rule file on standard output.
public struct AlertsExportCommand: ParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the alert rules in effect as a Prometheus rule file.",
        discussion: """
            The same conditions for a Prometheus that scrapes the fleet's agents: load the output \
            with rule_files. What PromQL cannot say (clear, cooldown) is a comment on the rule.
            """
    )

    @Option(name: .long, help: "The format: prometheus.")
    var format = "prometheus"

    @OptionGroup var configOptions: ConfigOptions

    public func run() throws {
        guard format == "prometheus" else { throw ValidationError("--format \(format): the one format is prometheus") }
        let (config, _) = try configOptions.load(environment: ProcessEnvironment.current(), flags: [:])
        let alerts = AlertConfiguration(config: config)
        for problem in alerts.problems { StandardError.line("vitals: \(problem)") }
        print(PrometheusRuleFile.render(alerts.rules), terminator: "")
    }
}
