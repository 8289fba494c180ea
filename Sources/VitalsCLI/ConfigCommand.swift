import AlertDelivery
import Collectors
import Dashboard
import ArgumentParser
import Glibc
import VitalsConfig

/// `vitals config init|check|show`.
public struct ConfigCommand: ParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Write, check or show the configuration.",
        subcommands: [Init.self, Check.self, Show.self]
    )

    struct Init: ParsableCommand {
        public static let configuration = CommandConfiguration(abstract: "Write a commented default configuration file.")

        @Flag(name: .long, help: "Replace an existing file.")
        var force = false

        @Argument(help: "Where to write (default: $XDG_CONFIG_HOME/vitals/config.yaml, else ~/.config/vitals/config.yaml).")
        var path: String?

        func run() throws {
            guard let path = path ?? ConfigLoader.defaultPath(environment: ProcessEnvironment.current()) else {
                throw ValidationError("no HOME or XDG_CONFIG_HOME: give a path")
            }
            if let slash = path.lastIndex(of: "/"), slash != path.startIndex { TextFile.makeDirectories(String(path[..<slash])) }
            switch TextFile.create(path, ConfigTemplate.text, replace: force) {
            case .success: print("wrote \(path)")
            case let .failure(problem):
                StandardError.line("vitals: \(problem.message)")
                throw ExitCode(1)
            }
        }
    }

    struct Check: ParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Check a configuration file (and VITALS_* variables); print every problem as PATH:LINE:COLUMN: message.",
            discussion: "Exit status 1 when a problem is found, 0 with a one-line summary when clean."
        )

        @Argument(help: "The file to check (default: the one vitals would read).")
        var path: String?

        func run() throws {
            let environment = ProcessEnvironment.current()
            let loader = ConfigLoader(environment: environment, explicitPath: path)
            guard let file = loader.path?.path else {
                let looked = ConfigLoader.defaultPath(environment: environment) ?? "~/.config/vitals/config.yaml"
                print("no configuration file (looked for \(looked)); built-in defaults apply")
                let (config, diagnostics) = loader.load()
                for d in diagnostics { print(d) }
                guard let config else { throw ExitCode(1) }
                let problems = AlertConfiguration(config: config).problems
                for p in problems { print(p) }
                if !problems.isEmpty { throw ExitCode(1) }
                return
            }
            let (lenient, diagnostics) = loader.loadEvenWithErrors()
            for d in diagnostics { print(d) }
            guard !diagnostics.contains(where: { $0.severity == .error }) else {
                // Every problem in one run: the rules' expressions too, from what the file's valid
                // values give (a rule whose `for` is misspelt still has its `expr` checked).
                let more = AlertConfiguration(config: lenient).problems.filter { p in !diagnostics.contains { $0.description == p.description } }
                for p in more { print(p) }
                let errors = diagnostics.count { $0.severity == .error } + more.count
                print("\(file): \(errors) problem\(errors == 1 ? "" : "s")")
                throw ExitCode(1)
            }
            let config = lenient
            // Alert expressions and notifiers are checked beyond their types: positioned problems.
            let problems = AlertConfiguration(config: config).problems
            for p in problems { print(p) }
            // And each rule's series against what this host records (one collection, as `vitals snapshot`).
            let recorded = Self.recordedNames(config)
            if !recorded.isEmpty { for warning in UnknownSeries.warnings(config, recorded: recorded) { print(warning) } }
            guard problems.isEmpty else {
                print("\(file): \(problems.count) problem\(problems.count == 1 ? "" : "s")")
                throw ExitCode(1)
            }
            print(ConfigReport.summary(config, path: file))
        }

        /// The series names this host records: two collections 100 ms apart (rates need two),
        /// through the configured roots and collectors. Empty when the configuration cannot say where to read.
        static func recordedNames(_ config: Config) -> Set<String> {
            guard let options = try? DashboardOptions.make(config, environment: ProcessEnvironment.current(), printProblems: false) else { return [] }
            return Set(TwoCollections.snapshot(options, details: .none, gap: 100_000).samples().map(\.key.name))
        }
    }

    struct Show: ParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Print the effective configuration: every setting, its value and where it came from."
        )

        @OptionGroup var configOptions: ConfigOptions

        func run() throws {
            let (config, _) = try configOptions.load(environment: ProcessEnvironment.current(), flags: [:])
            print(ConfigReport.show(config), terminator: "")
        }
    }
}
