import AsyncHTTPClient
import Foundation
import HummingbirdWSClient
import Logging
import NIOCore
import Synchronization
import VitalsCore

/// `vitals bench stream --clients N [--slow K]`: N clients on a running agent's stream (either
/// path) for a while, measuring
/// - collection to arrival of every tick at every client (each message or frame carries its tick's
///   collection time; the first to arrive of a tick counts): p50, p99, max;
/// - ticks lost: a tick some client had and another, connected at the time, never got;
/// - `/metrics` scrape latency meanwhile (every 250 ms);
/// - the (N+1)th client: refused with its reason, or admitted;
/// - K of the N that stop reading after their first message: they must delay nobody (compare a run
///   without them), and when the agent closed them (its established sockets, from /proc/net/tcp,
///   when the agent is on this host).
public struct StreamLoadProbe: Sendable {
    public var url: String
    public var apiKey: String?
    public var clients: Int
    public var slow: Int
    public var seconds: Double

    public init(url: String, apiKey: String?, clients: Int, slow: Int, seconds: Double) {
        self.url = url
        self.apiKey = apiKey
        self.clients = clients
        self.slow = slow
        self.seconds = seconds
    }

    /// One client's arrivals: tick time → seconds from collection to arrival.
    final class Arrivals: Sendable {
        /// The tick of the first message: what a client is sent on connect is the latest tick,
        /// up to an interval old, not an arrival.
        let connectTick = Mutex<Double?>(nil)
        let ticks = Mutex<[Double: Double]>([:])
        let first = Mutex<String?>(nil)
        let close = Mutex<String?>(nil)
        func note(_ text: String) {
            first.withLock { if $0 == nil { $0 = text } }
            guard !text.hasPrefix("{\"type\":\"snapshot\""), let time = Self.tickTime(text) else { return }
            let onConnect = connectTick.withLock { first in
                if first == nil { first = time }
                return first == time
            }
            guard !onConnect else { return }
            let arrived = Date().timeIntervalSince1970
            ticks.withLock { if $0[time] == nil { $0[time] = arrived - time } }
        }

        /// The first `"time":"…"` of a message or frame: its tick's collection time.
        static func tickTime(_ text: String) -> Double? {
            guard let start = text.range(of: "\"time\":\"") else { return nil }
            let rest = text[start.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { return nil }
            return RFC3339Parser.parse(String(rest[..<end]))
        }
    }

    /// What the run's tasks share: the signal to stop, scrape times, the agent's socket counts.
    final class Run: Sendable {
        private let stopped = Atomic<Bool>(false)
        private let scrapeTimes = Mutex<[Double]>([])
        private let socketCounts = Mutex<[(Double, Int)]>([])
        var isStopped: Bool { stopped.load(ordering: .relaxed) }
        func stop() { stopped.store(true, ordering: .relaxed) }
        func scraped(_ seconds: Double) { scrapeTimes.withLock { $0.append(seconds) } }
        func counted(_ sockets: Int, at time: Double) { socketCounts.withLock { $0.append((time, sockets)) } }
        var scrapes: [Double] { scrapeTimes.withLock { $0 } }
        var sockets: [(Double, Int)] { socketCounts.withLock { $0 } }
    }

    public func run(print say: @escaping @Sendable (String) -> Void) async throws {
        var settings = WebSocketClientConfiguration()
        settings.maxFrameSize = 1 << 24
        if let apiKey { settings.additionalHeaders[.authorization] = "Bearer \(apiKey)" }
        let configuration = settings
        let logger = Logger(label: "vitals.bench")
        let all = (0..<clients).map { _ in Arrivals() }
        let started = Date().timeIntervalSince1970
        let port = URL(string: url)?.port ?? 19100
        let run = Run()
        let (url, apiKey, clients, seconds, slow) = (url, apiKey, clients, seconds, slow)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (i, arrivals) in all.enumerated() {
                let isSlow = i < slow
                // A client's failure (refused, cut) is its own: recorded, never the run's end.
                group.addTask {
                    do {
                        let close = try await WebSocketClient.connect(url: url, configuration: configuration, logger: logger) { inbound, outbound, _ in
                            var messages = inbound.messages(maxSize: 1 << 24).makeAsyncIterator()
                            if isSlow {
                                // Reads its first message, then nothing until the end; then drains to
                                // find how the agent closed it.
                                if case let .text(text)? = try await messages.next() { arrivals.note(text) }
                                while !run.isStopped { try? await Task.sleep(for: .milliseconds(100)) }
                                // The run is over: it closes, and reads what waited. A close the
                                // agent sent before (1008, too slow) comes first; else the echo of
                                // its own.
                                try? await outbound.close(.normalClosure, reason: "run over")
                                while try await messages.next() != nil {}
                                return
                            }
                            while let message = try await messages.next() {
                                if case let .text(text) = message { arrivals.note(text) }
                                if run.isStopped { break }
                            }
                            try? await outbound.close(.normalClosure, reason: nil)
                        }
                        if let close { arrivals.close.withLock { $0 = "\(close.closeCode)" + (close.reason.map { " " + $0 } ?? "") } }
                    } catch {
                        arrivals.close.withLock { $0 = "failed: \(error)" }
                    }
                }
            }
            // Scrapes and the agent's established sockets, every 250 ms.
            group.addTask {
                let client = HTTPClient(eventLoopGroupProvider: .singleton)
                var components = URLComponents(string: url) ?? URLComponents()
                components.scheme = components.scheme == "wss" ? "https" : "http"
                components.path = "/metrics"
                components.query = nil
                let metrics = components.string ?? "http://127.0.0.1:19100/metrics"
                while !run.isStopped {
                    var request = HTTPClientRequest(url: metrics)
                    if let apiKey { request.headers.add(name: "Authorization", value: "Bearer \(apiKey)") }
                    let t0 = Date().timeIntervalSince1970
                    if let response = try? await client.execute(request, timeout: .seconds(10)), response.status == .ok {
                        _ = try? await response.body.collect(upTo: 1 << 26)
                        run.scraped(Date().timeIntervalSince1970 - t0)
                    }
                    run.counted(Self.establishedSockets(port: port), at: Date().timeIntervalSince1970 - started)
                    try? await Task.sleep(for: .milliseconds(250))
                }
                try await client.shutdown()
            }
            // Once every client has its first message: the next one, then the run.
            group.addTask {
                defer { run.stop() }
                while all.contains(where: { $0.first.withLock { $0 } == nil && $0.close.withLock { $0 } == nil }) {
                    try? await Task.sleep(for: .milliseconds(50))
                    if Date().timeIntervalSince1970 - started > 60 { break }
                }
                let joined = Date().timeIntervalSince1970 - started
                say(String(format: "%d clients connected in %.1f s", all.count { $0.first.withLock { $0 } != nil }, joined))
                let extra = Arrivals()
                let close = try? await WebSocketClient.connect(url: url, configuration: configuration, logger: logger) { inbound, outbound, _ in
                    var messages = inbound.messages(maxSize: 1 << 24).makeAsyncIterator()
                    if case let .text(text)? = try await messages.next() { extra.note(text) }
                    try await Task.sleep(for: .milliseconds(200))
                    try? await outbound.close(.normalClosure, reason: nil)
                }
                let first = extra.first.withLock { $0 } ?? ""
                if let close, close.closeCode == .unknown(1013) {
                    say("client \(clients + 1): refused (1013): " + (close.reason ?? first))
                } else {
                    say("client \(clients + 1): admitted (the agent allows more than \(clients))")
                }
                try? await Task.sleep(for: .seconds(seconds))
            }
            try await group.waitForAll()
        }
        report(all, scrapes: run.scrapes, sockets: run.sockets, say: say)
    }

    func report(_ all: [Arrivals], scrapes: [Double], sockets: [(Double, Int)], say: (String) -> Void) {
        let readers = Array(all.dropFirst(slow))
        let failed = readers.compactMap { r in r.first.withLock { $0 } == nil ? r.close.withLock { $0 } ?? "no message" : nil }
        if !failed.isEmpty {
            say("\(failed.count) clients never had a message: " + Dictionary(grouping: failed, by: { $0 }).map { "\($0.value.count) × \($0.key)" }.sorted().joined(separator: ", "))
        }
        let perClient = readers.map { $0.ticks.withLock { $0 } }
        let latencies = perClient.flatMap(\.values).sorted()
        func q(_ list: [Double], _ p: Double) -> String {
            list.isEmpty ? "-" : String(format: "%.1f", list[min(list.count - 1, Int(Double(list.count) * p))] * 1000)
        }
        // A tick any reader had, between a client's first and last tick, that this client lacks.
        let every = Set(perClient.flatMap(\.keys))
        var lost = 0
        for ticks in perClient {
            guard let first = ticks.keys.min(), let last = ticks.keys.max() else { continue }
            lost += every.filter { $0 > first && $0 < last && ticks[$0] == nil }.count
        }
        say("\(readers.count) reading clients, \(latencies.count) tick arrivals (\(every.count) ticks): collection to arrival p50 \(q(latencies, 0.5)) ms, p99 \(q(latencies, 0.99)) ms, max \(q(latencies, 1)) ms; \(lost) lost")
        let sortedScrapes = scrapes.sorted()
        say("/metrics during the run: \(scrapes.count) scrapes, p50 \(q(sortedScrapes, 0.5)) ms, p99 \(q(sortedScrapes, 0.99)) ms, max \(q(sortedScrapes, 1)) ms")
        guard slow > 0 else { return }
        let closes = all.prefix(slow).map { c in
            c.close.withLock { $0 }.map { $0.hasPrefix("normalClosure") ? "still open at the end (the agent's socket buffers took every message)" : "closed by the agent: " + $0 } ?? "?"
        }
        say("\(slow) clients that stopped reading: " + Dictionary(grouping: closes, by: { $0 }).map { "\($0.value.count) × \($0.key)" }.sorted().joined(separator: ", "))
        if let peak = sockets.map(\.1).max(), let drop = sockets.first(where: { $0.1 <= peak - slow && $0.0 > 1 }) {
            say(String(format: "the agent's established stream sockets fell from %d to %d at %.1f s into the run", peak, drop.1, drop.0))
        }
    }

    /// The agent's established TCP sockets on `port` (this host's /proc/net/tcp and tcp6).
    static func establishedSockets(port: Int) -> Int {
        let hex = String(format: ":%04X", port)
        var count = 0
        for file in ["/proc/net/tcp", "/proc/net/tcp6"] {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: " ")
                if fields.count > 3, fields[1].hasSuffix(hex), fields[3] == "01" { count += 1 }
            }
        }
        return count
    }
}
