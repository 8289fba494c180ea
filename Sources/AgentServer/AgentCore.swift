import AlertDelivery
import AlertJournal
import Alerting
import Exposition
import Pipeline
import SeriesStore
import Synchronization
import VitalsCore

/// What the HTTP handlers read: the pipeline's record (store, alerts, the latest snapshot), the
/// host's identity, and the /metrics page rendered once per tick. Reads hold the pipeline's lock for
/// in-memory copies only, and render outside it, so a scrape never holds up a tick.
public final class AgentCore: Sendable {
    public let pipeline: TickPipeline
    private let metricsCache = Mutex<(tick: Int, format: PrometheusText.Format, text: String)?>(nil)
    let identity: MetricsPage.HostIdentity?
    let host: String
    /// Wall-clock seconds when the server started (the status' uptime).
    let startedAt: Double

    public init(pipeline: TickPipeline, identity: MetricsPage.HostIdentity?) {
        self.pipeline = pipeline
        self.identity = identity
        startedAt = pipeline.clock()
        host = identity?.uname.first { $0.0 == "nodename" }?.1 ?? "localhost"
    }

    public var isReady: Bool { pipeline.read { $0.snapshot != nil } }
    public var notices: [String] { pipeline.notices }

    /// The /metrics page of the latest tick, rendered once per tick and format.
    public func metrics(_ format: PrometheusText.Format) -> String? {
        let copied: (Snapshot, Int, [Sample])? = pipeline.read { r in
            guard let snapshot = r.snapshot else { return nil }
            return (snapshot, r.ticks, Self.extraSamples(r))
        }
        guard let (snapshot, tick, extra) = copied else { return nil }
        if let cached = metricsCache.withLock({ $0 }), cached.tick == tick, cached.format == format { return cached.text }
        let text = PrometheusText.encode(MetricsPage.samples(snapshot: snapshot, identity: identity, extra: extra), format: format)
        metricsCache.withLock { $0 = (tick, format, text) }
        return text
    }

    /// The store's size and the alerts pending or firing (Prometheus' ALERTS series).
    static func extraSamples(_ r: TickRecord) -> [Sample] {
        var out = [Sample(SeriesKey("vitals_store_bytes"), Double(r.byteCount)), Sample(SeriesKey("vitals_store_series"), Double(r.store.seriesCount))]
        for instance in instances(r) {
            var labels = instance.labels.pairs.map { SeriesKey.Label($0.name, $0.value) }
            labels.append(SeriesKey.Label("alertstate", instance.phase == .pending ? "pending" : "firing"))
            out.append(Sample(SeriesKey("ALERTS", labels), 1))
        }
        return out
    }

    /// Every container's status, as the stream sends it after the snapshot on connect.
    func containersOnConnect() -> String? {
        pipeline.read { r in r.snapshot.flatMap { StreamMessages.containersOnConnect($0.containers, time: $0.time) } }
    }

    /// What a web client has on connect: the latest figures and every container's status.
    func webItemsOnConnect() -> [WebStreamItem] {
        pipeline.read { $0.snapshot }.map(WebStreamMessages.onConnect) ?? []
    }

    public func snapshotJSON() -> String? {
        // The configured interval, not the gap the newest tick measured (the warm-up's 250 ms
        // right after a start): `vitals attach` shows it as the agent's "every 1s".
        let interval = pipeline.configuredInterval
        return pipeline.read { $0.snapshot }.map { SnapshotJSON.encode($0, interval: interval) }
    }

    /// Series named `name` (`*`: every series) matching `matchers`, `points` points over
    /// `from...to` from the store's tiers. Nothing is read when the answer would pass `maxValues`
    /// (series × points); `count` then says how many series matched.
    public func series(
        name: String, matchers: [LabelMatcher], from: Double, to: Double, points: Int, maxValues: Int = .max
    ) -> (count: Int, results: [(key: SeriesKey, points: [WindowPoint?])]) {
        let keys = pipeline.read { r in name == "*" ? r.store.allKeys(matching: matchers) : r.store.keys(named: name, matching: matchers) }
        guard keys.count * points <= maxValues else { return (keys.count, []) }
        // A few series per hold of the lock, so a scrape or a tick waits for one chunk, never for
        // the whole answer (a tick may land between two chunks; each series is consistent).
        var results: [(key: SeriesKey, points: [WindowPoint?])] = []
        results.reserveCapacity(keys.count)
        var start = 0
        while start < keys.count {
            let chunk = keys[start..<min(start + 16, keys.count)]
            results += pipeline.read { r in chunk.map { key in (key, r.store.window(key, from: from, to: to, points: points)) } }
            start += chunk.count
        }
        return (keys.count, results)
    }

    /// How many series a query names (for deciding where its answer is built).
    public func seriesCount(name: String, matchers: [LabelMatcher]) -> Int {
        pipeline.read { r in (name == "*" ? r.store.allKeys(matching: matchers) : r.store.keys(named: name, matching: matchers)).count }
    }

    public var latestTime: Double? { pipeline.read { $0.snapshot?.time } }

    /// Alerts as Prometheus' /api/v1/alerts lists them.
    public func alerts() -> [AlertInstance] {
        pipeline.read { Self.instances($0) }
    }

    /// Pending and firing alerts.
    static func instances(_ r: TickRecord) -> [AlertInstance] {
        (r.alerts?.state.ordered ?? []).filter { $0.phase != .resolved }
    }

    public func alertRules() -> [AlertRule] { pipeline.read { $0.alerts?.configuration.rules ?? [] } }

    /// What `/api/v1/status` reports of the record, copied under the lock.
    struct StatusFacts: Sendable {
        var latest: Double?
        var health: [CollectorHealth]
        var phases: [AlertPhase]
        var silenced: Int
        var rules: Int
        var storeBytes: Int
        var storeSeries: Int
        var ticks: Int
    }

    /// `now`: when silences are judged.
    func statusFacts(now: Double) -> StatusFacts {
        pipeline.read { r in
            let instances = Self.instances(r)
            return StatusFacts(
                latest: r.snapshot?.time, health: r.snapshot?.health ?? [], phases: instances.map(\.phase),
                silenced: instances.filter { r.alerts?.state.isSilenced($0, at: now) == true }.count,
                rules: r.alerts?.configuration.rules.count ?? 0, storeBytes: r.byteCount, storeSeries: r.store.seriesCount, ticks: r.ticks
            )
        }
    }

    /// The pending and firing alerts of each rule.
    func alertCounts() -> [String: (pending: Int, firing: Int)] {
        var out: [String: (pending: Int, firing: Int)] = [:]
        for instance in alerts() {
            var counts = out[instance.rule] ?? (0, 0)
            if instance.phase == .pending { counts.pending += 1 } else if instance.phase == .firing { counts.firing += 1 }
            out[instance.rule] = counts
        }
        return out
    }

    /// The alert history's file (nil without one: `history.persist` off).
    var journal: AlertJournal? { pipeline.read { $0.alerts?.journal } }
}
