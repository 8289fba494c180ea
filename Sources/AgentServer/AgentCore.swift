import AlertDelivery
import Alerting
import Exposition
import HistoryFile
import SeriesStore
import Synchronization
import VitalsCore

/// The agent's state between the collection thread and the HTTP handlers: the store, the alert
/// engine and the latest snapshot, behind one lock held only for in-memory work (a scrape copies
/// what it needs under the lock and renders outside it, so it never holds up a tick).
public final class AgentCore: Sendable {
    struct Locked {
        var store: SeriesStore
        /// Each tick's heaviest processes (time travel), saved to the history file with the buckets.
        var top: TopProcessHistory
        /// The agent's own alert engine; nil when a dashboard runs it (`vitals --serve`) and
        /// hands its alerts over with each tick (`mirrored`).
        var alerts: AlertService?
        var mirrored: (instances: [AlertInstance], rules: [AlertRule]) = ([], [])
        var history: HistoryFile?
        var snapshot: Snapshot?
        var ticks = 0
        var lastSaveMinute: Int?
        var restLoaded = false
        var notices: [String] = []
    }

    private let state: Mutex<Locked>
    private let metricsCache = Mutex<(tick: Int, format: PrometheusText.Format, text: String)?>(nil)
    let identity: MetricsPage.HostIdentity?
    let host: String

    /// `alerts` nil: the alerts come from elsewhere with each tick (see `mirror`).
    public init(store: sending SeriesStore, alerts: sending AlertService?, history: sending HistoryFile?, identity: MetricsPage.HostIdentity?, notices: [String] = []) {
        self.identity = identity
        host = identity?.uname.first { $0.0 == "nodename" }?.1 ?? "localhost"
        let top = TopProcessHistory(retention: store.retention, coarseInMemory: history == nil)
        state = Mutex(Locked(
            store: store, top: top, alerts: alerts, history: history, notices: notices + (history?.notices ?? []) + (alerts?.notices ?? [])
        ))
    }

    /// One tick from the collection thread: into the store, through the alert engine; closed
    /// history buckets are saved once a minute (on the file's own queue, not here). Returns the tick's
    /// samples and alert transitions (for the stream).
    @discardableResult
    public func record(_ snapshot: Snapshot) -> (samples: [Sample], transitions: [AlertTransition]) {
        state.withLock { s in
            let samples = snapshot.samples()
            s.store.append(samples, at: snapshot.time)
            if let processes = snapshot.processes { s.top.record(samples: processes, at: snapshot.time) }
            let host = snapshot.host.hostname.isEmpty ? self.host : snapshot.host.hostname
            let transitions = s.alerts?.evaluate(samples: samples, store: s.store, now: snapshot.time, host: host).transitions ?? []
            if let id = s.store.id(for: SeriesKey("vitals_store_bytes")) { s.store.record(Double(s.store.byteCount + s.top.byteCount), for: id) }
            if let id = s.store.id(for: SeriesKey("vitals_store_series")) { s.store.record(Double(s.store.seriesCount), for: id) }
            s.snapshot = snapshot
            s.ticks += 1
            let minute = Int((snapshot.time / 60).rounded(.down))
            if let file = s.history, minute != s.lastSaveMinute {
                if s.lastSaveMinute != nil { file.saveInBackground(s.store.takeUnpersisted(), top: s.top.takeUnpersisted(), now: snapshot.time) }
                s.lastSaveMinute = minute
            }
            if !s.restLoaded, let file = s.history {
                s.restLoaded = true
                do { _ = try file.loadRest(into: s.store) } catch { s.notices.append("\(error)") }
            }
            return (samples, transitions)
        }
    }

    /// One tick of a dashboard that serves (`vitals --serve`): its snapshot into this store, and
    /// its alerts, which its own engine evaluated, as they stand after the tick.
    public func mirror(_ snapshot: Snapshot, alerts: [AlertInstance], rules: [AlertRule]) -> [Sample] {
        state.withLock { $0.mirrored = (alerts, rules) }
        return record(snapshot).samples
    }

    /// Fills the store from the history file in `directory`, read-only (`vitals --serve`: the
    /// dashboard in the same process writes it). A file that cannot be read leaves a notice.
    public func readHistory(directory: String, now: Double) {
        state.withLock { s in
            do {
                let file = try HistoryFile.open(directory: directory, store: s.store, now: now)
                if file.mode == .writer { s.history = file }
            } catch {
                s.notices.append("\(error)")
            }
        }
    }

    /// Saves what the history has not (on the way out).
    public func finish() {
        state.withLock { s in
            guard let file = s.history, let now = s.store.latestTime else { return }
            do {
                try file.save(s.store.takeUnpersisted(includeOpen: true), top: s.top.takeUnpersisted(includeOpen: true), now: now)
            } catch {
                s.notices.append("\(error)")
            }
        }
    }

    public var isReady: Bool { state.withLock { $0.snapshot != nil } }
    public var notices: [String] { state.withLock { $0.notices + ($0.alerts?.notices ?? []) } }

    /// The /metrics page of the latest tick, rendered once per tick and format.
    public func metrics(_ format: PrometheusText.Format) -> String? {
        let copied: (Snapshot, Int, [Sample])? = state.withLock { s in
            guard let snapshot = s.snapshot else { return nil }
            return (snapshot, s.ticks, Self.extraSamples(s))
        }
        guard let (snapshot, tick, extra) = copied else { return nil }
        if let cached = metricsCache.withLock({ $0 }), cached.tick == tick, cached.format == format { return cached.text }
        let text = PrometheusText.encode(MetricsPage.samples(snapshot: snapshot, identity: identity, extra: extra), format: format)
        metricsCache.withLock { $0 = (tick, format, text) }
        return text
    }

    /// The store's size and the alerts pending or firing (Prometheus' ALERTS series).
    static func extraSamples(_ s: Locked) -> [Sample] {
        var out = [Sample(SeriesKey("vitals_store_bytes"), Double(s.store.byteCount + s.top.byteCount)), Sample(SeriesKey("vitals_store_series"), Double(s.store.seriesCount))]
        for instance in instances(s) {
            var labels = instance.labels.pairs.map { SeriesKey.Label($0.name, $0.value) }
            labels.append(SeriesKey.Label("alertstate", instance.phase == .pending ? "pending" : "firing"))
            out.append(Sample(SeriesKey("ALERTS", labels), 1))
        }
        return out
    }

    public func snapshotJSON() -> String? {
        state.withLock { $0.snapshot }.map(SnapshotJSON.encode)
    }

    /// Series named `name` (`*`: every series) matching `matchers`, `points` points over
    /// `from...to` from the store's tiers. Nothing is read when the answer would pass `maxValues`
    /// (series × points); `count` then says how many series matched.
    public func series(
        name: String, matchers: [LabelMatcher], from: Double, to: Double, points: Int, maxValues: Int = .max
    ) -> (count: Int, results: [(key: SeriesKey, points: [WindowPoint?])]) {
        let keys = state.withLock { s in name == "*" ? s.store.allKeys(matching: matchers) : s.store.keys(named: name, matching: matchers) }
        guard keys.count * points <= maxValues else { return (keys.count, []) }
        // A few series per hold of the lock, so a scrape or a tick waits for one chunk, never for
        // the whole answer (a tick may land between two chunks; each series is consistent).
        var results: [(key: SeriesKey, points: [WindowPoint?])] = []
        results.reserveCapacity(keys.count)
        var start = 0
        while start < keys.count {
            let chunk = keys[start..<min(start + 16, keys.count)]
            state.withLock { s in
                for key in chunk { results.append((key, s.store.window(key, from: from, to: to, points: points))) }
            }
            start += chunk.count
        }
        return (keys.count, results)
    }

    /// How many series a query names (for deciding where its answer is built).
    public func seriesCount(name: String, matchers: [LabelMatcher]) -> Int {
        state.withLock { s in (name == "*" ? s.store.allKeys(matching: matchers) : s.store.keys(named: name, matching: matchers)).count }
    }

    public var latestTime: Double? { state.withLock { $0.snapshot?.time } }

    /// Alerts as Prometheus' /api/v1/alerts lists them.
    public func alerts() -> [AlertInstance] {
        state.withLock { Self.instances($0) }
    }

    /// Pending and firing alerts, from the agent's engine or the dashboard's.
    static func instances(_ s: Locked) -> [AlertInstance] {
        guard let alerts = s.alerts else { return s.mirrored.instances.filter { $0.phase != .resolved } }
        return alerts.state.ordered.filter { $0.phase != .resolved }
    }

    public func alertRules() -> [AlertRule] { state.withLock { $0.alerts?.configuration.rules ?? $0.mirrored.rules } }

    public func reconfigure(_ configuration: AlertConfiguration) {
        state.withLock { $0.alerts?.reconfigure(configuration) }
    }

    public func stopAlerts() { state.withLock { $0.alerts?.stop() } }
    public func startAlerts() { state.withLock { $0.alerts?.start() } }
}
