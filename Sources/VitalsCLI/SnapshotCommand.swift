import ArgumentParser
import Collectors
import Dashboard
import Exposition
import Glibc
import VitalsCore

/// One sample of every collector (plus a short second one for rates), printed once.
public struct SnapshotCommand: ParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Print one snapshot of every reading and exit.",
        discussion: "With --json: one JSON document with every series (name, labels, value, type), a processes array and collector health. Without: one series per line in Prometheus' text notation."
    )

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    @Option(name: .long, help: "Milliseconds between the two samples that rates are computed from.")
    var rateWindow: Int = 250

    @OptionGroup var configOptions: ConfigOptions
    @OptionGroup var source: SourceOptions

    public func validate() throws {
        guard (10...10_000).contains(rateWindow) else { throw ValidationError("--rate-window must be 10 to 10000 ms") }
    }

    public func run() throws {
        let environment = ProcessEnvironment.current()
        let (config, _) = try configOptions.load(environment: environment, flags: source.flags)
        let options = try DashboardOptions.make(config, environment: environment, printProblems: false)
        guard let dir = opendir(options.procfs.root) else {
            StandardError.line("vitals: \(options.procfs.root) is not a readable directory (collectors.procfs_root)")
            throw ExitCode(1)
        }
        closedir(dir)
        let snapshot = TwoCollections.snapshot(options, details: .all, gap: useconds_t(rateWindow) * 1000)
        if json {
            print(SnapshotJSON.encode(snapshot))
        } else {
            for sample in snapshot.samples() { print(sample.key.description, JSONWriter.format(sample.value)) }
        }
        for h in snapshot.health where h.lastRunFailed {
            StandardError.line("vitals: collector \(h.name) failed: \(h.lastError ?? "unknown error")")
        }
    }
}
