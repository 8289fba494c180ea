import Glibc
import HistoryFile
import SeriesStore
import VitalsCore

/// `vitals bench store`: the store's costs at default retention, measured in-process.
///
/// - append: ns per recorded sample, `series` series per tick, 1-second ticks;
/// - window: µs for a 200-point graph over 1 hour (raw ring) and over 30 days (15-minute tier);
/// - memory: store bytes per series once every tier is full, for noisy and for flat series;
/// - history file: seconds to write and to load a 30-day file for `series` series;
/// - top processes: time travel's per-tick cost and memory over an hour of 1,000 processes.
public struct StoreBenchmark {
    public var series: Int
    public var dataDirectory: String
    /// Endless writing (one transaction per simulated hour: 60 one-minute buckets per series) for
    /// the crash test, which kills it mid-write; never returns.
    public var writeForever: Bool

    public init(series: Int, dataDirectory: String, writeForever: Bool = false) {
        self.series = series
        self.dataDirectory = dataDirectory
        self.writeForever = writeForever
    }

    public func run(print say: (String) -> Void) throws {
        let keys = (0..<series).map { SeriesKey("bench_series", ["n": String($0)]) }
        if writeForever { try writeEndlessly(keys) }
        let now = 1_790_000_000.0
        let store = SeriesStore(retention: .standard(interval: 1))
        fillTiers(store, keys: keys, until: now - 3600, noisy: true)
        let ids = keys.compactMap { store.id(for: $0) }
        // Append: an hour of 1-second ticks (fills the raw ring once).
        var rng = SplitMix(seed: 42)
        let values = (0..<4096).map { _ in Double(rng.next() % 10_000) / 100 }
        let started = ContinuousClock.now
        for tick in 0..<3600 {
            store.beginTick(at: now - 3600 + Double(tick))
            for (i, id) in ids.enumerated() { store.record(values[(tick &+ i) & 4095], for: id) }
        }
        let appendNS = Self.seconds(ContinuousClock.now - started) * 1e9 / Double(3600 * ids.count)
        say("append: \(Self.fixed(appendNS, 1)) ns per sample (\(ids.count) series, 3,600 ticks)")

        for (label, span) in [("1 hour", 3600.0), ("48 hours", 48 * 3600.0), ("30 days", 30 * 86_400.0)] {
            let rounds = 2_000
            let t0 = ContinuousClock.now
            var points = 0
            for r in 0..<rounds {
                points += store.window(keys[r % keys.count], from: now - span, to: now, points: 200).count { $0 != nil }
            }
            let us = Self.seconds(ContinuousClock.now - t0) * 1e6 / Double(rounds)
            say("window: 200 points over \(label): \(Self.fixed(us, 1)) µs (\(points / rounds) points with data)")
        }
        say("memory: \(store.byteCount / ids.count) bytes per series, noisy values, every tier full (\(store.byteCount) bytes for \(ids.count))")
        let flat = SeriesStore(retention: .standard(interval: 1))
        fillTiers(flat, keys: keys, until: now - 3600, noisy: false)
        for tick in 0..<3600 {
            flat.beginTick(at: now - 3600 + Double(tick))
            for key in keys { if let id = flat.id(for: key) { flat.record(1, for: id) } }
        }
        say("memory: \(flat.byteCount / ids.count) bytes per series, flat values")
        topProcesses(now: now, say: say)

        // History file: write 30 days, then time a cold open-and-load.
        let directory = dataDirectory
        let t1 = ContinuousClock.now
        do {
            let writer = SeriesStore(retention: .standard(interval: 1))
            let file = try HistoryFile.open(directory: directory, store: writer, now: now)
            try writeDays(file, keys: keys, until: now, days: 30)
        }
        say("history file: 30 days for \(ids.count) series written in \(Self.fixed(Self.seconds(ContinuousClock.now - t1), 2)) s, \(Self.fileBytes(directory + "/history.sqlite") / 1_000_000) MB (\(Self.fileBytes(directory + "/history.sqlite") / ids.count / 30) bytes per series per day)")
        let fresh = SeriesStore(retention: .standard(interval: 1))
        let file = try HistoryFile.open(directory: directory, store: fresh, now: now)
        say("history file: load of \(file.loadedBuckets) buckets took \(Self.fixed(file.loadSeconds * 1000, 0)) ms")
    }

    /// Synthetic buckets for every tier up to `until`, as 30 days of uptime would leave them.
    private func fillTiers(_ store: SeriesStore, keys: [SeriesKey], until: Double, noisy: Bool) {
        var rng = SplitMix(seed: 7)
        for key in keys {
            guard let id = store.id(for: key) else { continue }
            for (k, tier) in store.retention.tiers.enumerated() {
                let last = Int((until / tier.width).rounded(.down))
                for b in (last - tier.buckets + 1)...last {
                    let base = noisy ? Double(rng.next() % 10_000) / 100 : 1
                    store.restore(BucketSummary(min: base, max: base + (noisy ? 5 : 0), sum: base * 60, count: 60), bucket: b, tier: k, for: id)
                }
            }
        }
    }

    private func writeDays(_ file: HistoryFile, keys: [SeriesKey], until: Double, days: Int) throws {
        let tiers = StoreRetention.standard(interval: 1).tiers
        let hours = days * 24
        for h in 0..<hours {
            let hourStart = until - Double(hours - h) * 3600
            var batch: [PersistedBucket] = []
            for (k, tier) in tiers.enumerated() {
                // Only buckets the tier still keeps at `until`.
                guard hourStart >= until - tier.span else { continue }
                let first = Int((hourStart / tier.width).rounded(.down))
                let count = Int(3600 / tier.width)
                for b in first..<(first + count) {
                    for (i, key) in keys.enumerated() {
                        let v = Double((b &+ i) % 100)
                        batch.append(PersistedBucket(key: key, tier: k, bucket: b, summary: BucketSummary(min: v, max: v + 1, sum: v * 60, count: 60)))
                    }
                }
            }
            try file.save(batch, now: hourStart + 3600)
        }
    }

    private func writeEndlessly(_ keys: [SeriesKey]) throws -> Never {
        let store = SeriesStore(retention: .standard(interval: 1))
        let file = try HistoryFile.open(directory: dataDirectory, store: store, now: 1_790_000_000)
        print("writing", terminator: "\n")
        fflush(nil)
        var hour = 0.0
        while true {
            var batch: [PersistedBucket] = []
            let first = Int(((1_790_000_000 + hour * 3600) / 60).rounded(.down))
            for b in first..<(first + 60) {
                for key in keys { batch.append(PersistedBucket(key: key, tier: 0, bucket: b, summary: BucketSummary(min: 1, max: 2, sum: 90, count: 60))) }
            }
            // `now` stays at the start so no pruning runs: every committed hour stays whole.
            try file.save(batch, now: 1_790_000_000)
            hour += 1
        }
    }

    static func fileBytes(_ path: String) -> Int {
        var st = stat()
        var total = 0
        for suffix in ["", "-wal"] where stat(path + suffix, &st) == 0 { total += Int(st.st_size) }
        return total
    }

    static func seconds(_ d: Duration) -> Double {
        let (s, atto) = d.components
        return Double(s) + Double(atto) / 1e18
    }

    static func fixed(_ v: Double, _ places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let r = (v * scale).rounded() / scale
        return places == 0 ? String(Int(r)) : String(r)
    }
}

/// A small deterministic generator (no Foundation).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension StoreBenchmark {

    /// Time travel's records: an hour of 1-second ticks over 1,000 processes (25 of them busy, 40
    /// doing I/O, ten users), as the dashboard and the agent record them every tick.
    func topProcesses(now: Double, say: (String) -> Void) {
        var rng = SplitMix(seed: 7)
        var processes = (0..<1000).map { i -> ProcessSample in
            var p = ProcessSample(pid: Int32(1000 + i), name: "proc-\(i % 97)", state: 83, ppid: 1, utimeTicks: 0, stimeTicks: 0, nice: 0,
                                  threads: 1, startTicks: 0, virtualBytes: 0, residentBytes: UInt64(rng.next() % (512 << 20)))
            p.user = "user\(i % 10)"
            return p
        }
        let history = TopProcessHistory(retention: .standard(interval: 1), coarseInMemory: false)
        let started = ContinuousClock.now
        for tick in 0..<3600 {
            for i in 0..<25 { processes[(tick * 7 + i * 37) % 1000].cpuPercent = Double(rng.next() % 10_000) / 100 }
            for i in 0..<40 { processes[(tick * 11 + i * 23) % 1000].ioWriteBytesPerSecond = Double(rng.next() % 1_000_000) }
            history.record(samples: processes, at: now + Double(tick))
            if tick % 60 == 59 { _ = history.takeUnpersisted() }
        }
        let us = Self.seconds(ContinuousClock.now - started) * 1e6 / 3600
        let records = history.moment(at: now + 3599)?.processes.count ?? 0
        say("top processes: \(Self.fixed(us, 1)) µs a tick over 1,000 processes; an hour in memory \(history.byteCount) bytes "
            + "(\(records) records a tick, \(history.byteCount / max(1, 3600 * records)) bytes a record)")
    }
}
