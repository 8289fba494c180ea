import ArgumentParser
import Glibc
import StoreBench

/// `vitals bench store`: benchmarks that ship with the binary, so any host can measure itself.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure vitals' own costs on this machine.",
        subcommands: [StoreBenchCommand.self]
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
