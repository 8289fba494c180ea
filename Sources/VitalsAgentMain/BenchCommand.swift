import AgentServer
import ArgumentParser
import VitalsCLI
import Dispatch
import Foundation
import Glibc
import AlertBench
import StoreBench

/// `vitals bench store|alerts`: benchmarks that ship with the binary, so any host can measure itself.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure vitals' own costs on this machine.",
        subcommands: [StoreBenchCommand.self, AlertBenchCommand.self, StreamBenchCommand.self]
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

struct StreamBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stream",
        abstract: "Agent stream: collection-to-arrival latency of every tick at N clients, ticks lost, /metrics meanwhile, the next client's refusal, and clients that stop reading.",
        discussion: """
        Against a running agent. /api/v1/stream (frames) or /api/system/ws (one message each) by --url. \
        --slow K makes K of the clients stop reading after their first message: compare the others' \
        figures with a run without them.
        """
    )

    @Option(name: .long, help: "The stream's URL.")
    var url = "ws://127.0.0.1:19100/api/system/ws"

    @Option(name: .long, help: "File holding the API key, if the agent wants one.")
    var apiKeyFile: String?

    @Option(name: .long, help: "Clients at once.")
    var clients = 1

    @Option(name: .long, help: "Of them, how many stop reading after their first message.")
    var slow = 0

    @Option(name: .long, help: "Seconds of the run, once every client is in.")
    var seconds = 30.0

    func validate() throws {
        guard (1...10_000).contains(clients) else { throw ValidationError("--clients must be 1 to 10000") }
        guard (0..<clients).contains(slow) else { throw ValidationError("--slow must be less than --clients") }
        guard seconds > 0 else { throw ValidationError("--seconds must be positive") }
    }

    func run() throws {
        let key = try apiKeyFile.map { path -> String in
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw ValidationError("cannot read \(path)") }
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let done = DispatchSemaphore(value: 0)
        let failure = FailureBox()
        let probe = StreamLoadProbe(url: url, apiKey: key, clients: clients, slow: slow, seconds: seconds)
        Task {
            do {
                try await probe.run { line in
                    print(line)
                    fflush(nil)
                }
            } catch {
                failure.set("\(error)")
            }
            done.signal()
        }
        done.wait()
        if let message = failure.message {
            StandardError.line("vitals: \(message)")
            throw ExitCode(1)
        }
    }
}
