import ArgumentParser
import Glibc
import AlertBench
import StoreBench

/// `vitals bench store|alerts`: benchmarks that ship with the binary, so any host can measure itself.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure vitals' own costs on this machine.",
        subcommands: [StoreBenchCommand.self, AlertBenchCommand.self]
    )
}

struct StoreBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "History store: append and window costs, memory per series, history file write and load."
    )

    @Option(name: .long, help: "Series per tick.")
    var series = 250

    @Option(name: .long, help: "Directory for the benchmark's history file (default: a new one under /tmp, removed after).")
    var dataDir: String?

    @Flag(name: .long, help: .hidden)
    var writeForever = false

    func validate() throws {
        guard (1...100_000).contains(series) else { throw ValidationError("--series must be 1 to 100000") }
    }

    func run() throws {
        var template = Array("/tmp/vitals-bench-XXXXXX".utf8CString)
        let directory = dataDir ?? template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
        defer { if dataDir == nil { _ = system("rm -rf '\(directory)'") } }
        try StoreBenchmark(series: series, dataDirectory: directory, writeForever: writeForever).run { print($0) }
    }
}

struct AlertBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "Alert engine: the cost of evaluating rules each tick, and of recording a transition."
    )

    @Option(name: .long, help: "Rules evaluated per tick.")
    var rules = 100

    @Option(name: .long, help: "Directory for the benchmark's alerts file (default: a new one under /tmp, removed after).")
    var dataDir: String?

    @Flag(name: .long, help: .hidden)
    var writeForever = false

    func validate() throws {
        guard (1...100_000).contains(rules) else { throw ValidationError("--rules must be 1 to 100000") }
    }

    func run() throws {
        var template = Array("/tmp/vitals-bench-XXXXXX".utf8CString)
        let directory = dataDir ?? template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
        defer { if dataDir == nil { _ = system("rm -rf '\(directory)'") } }
        try AlertBenchmark(rules: rules, dataDirectory: directory, writeForever: writeForever).run { print($0) }
    }
}
