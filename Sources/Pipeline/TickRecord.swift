import AlertDelivery
import Alerting
import HistoryFile
import SeriesStore
import VitalsCore

/// Everything a tick writes, held behind the pipeline's lock: the store, each tick's heaviest
/// processes, the alert service, and the latest snapshot. Readers (a frame, a scrape) get it for
/// the length of a closure and copy out what they need; nothing here reads or writes a file.
public final class TickRecord {
    public let store: SeriesStore
    /// Each tick's and bucket's heaviest processes (time travel), saved with the buckets.
    public let top: TopProcessHistory
    /// The alert engine and its journal; nil until opened (the dashboard opens it after its
    /// first frame), and in modes that evaluate none (replay, attach).
    public internal(set) var alerts: AlertService?
    /// The newest tick's snapshot.
    public internal(set) var snapshot: Snapshot?
    /// Ticks recorded so far.
    public internal(set) var ticks = 0
    /// Problems worth a line (opening or reading the history file).
    public internal(set) var notices: [String]
    private var lastSaveMinute: Int?
    private var unhealthy = Set<String>()
    private let bytesID: SeriesID?
    private let seriesID: SeriesID?

    init(store: SeriesStore, coarseInMemory: Bool, notices: [String]) {
        self.store = store
        top = TopProcessHistory(retention: store.retention, coarseInMemory: coarseInMemory)
        self.notices = notices
        bytesID = store.id(for: SeriesKey("vitals_store_bytes"))
        seriesID = store.id(for: SeriesKey("vitals_store_series"))
    }

    /// Bytes of history held in memory: the series and the heaviest processes.
    public var byteCount: Int { store.byteCount + top.byteCount }

    /// One tick: into the store and the heaviest processes, through the alert engine. Returns the
    /// tick for the observers, and the closed buckets to save when a minute has turned (`saving`).
    func record(_ snapshot: Snapshot, host: String, saving: Bool) -> (Tick, save: HistorySave?) {
        let samples = snapshot.samples()
        store.append(samples, at: snapshot.time)
        if let processes = snapshot.processes { top.record(samples: processes, at: snapshot.time) }
        let transitions = alerts?.evaluate(samples: samples, store: store, now: snapshot.time, host: host).transitions ?? []
        recordOwnSize()
        self.snapshot = snapshot
        ticks += 1
        var changes: [CollectorHealth] = []
        for health in snapshot.health where health.isHealthy ? unhealthy.remove(health.name) != nil : unhealthy.insert(health.name).inserted {
            changes.append(health)
        }
        return (Tick(snapshot: snapshot, samples: samples, transitions: transitions, healthChanges: changes), saving ? minuteSave(at: snapshot.time) : nil)
    }

    /// Another host's tick (`vitals attach`), live or from a backfill. The store only moves
    /// forward: a tick no newer than the newest held is skipped (false).
    func record(time: Double, samples: [Sample], processes: [TopProcess]?) -> Bool {
        guard time > (store.latestTime ?? -.infinity) else { return false }
        store.append(samples, at: time)
        if let processes { top.record(processes, at: time) }
        ticks += 1
        return true
    }

    /// The buckets that closed since the last save, once a minute.
    private func minuteSave(at time: Double) -> HistorySave? {
        let minute = Int((time / 60).rounded(.down))
        guard minute != lastSaveMinute else { return nil }
        defer { lastSaveMinute = minute }
        guard lastSaveMinute != nil else { return nil }
        return HistorySave(buckets: store.takeUnpersisted(), top: top.takeUnpersisted(), now: time)
    }

    /// Everything not yet saved, open buckets included (on the way out).
    func finalSave() -> HistorySave? {
        store.latestTime.map { HistorySave(buckets: store.takeUnpersisted(includeOpen: true), top: top.takeUnpersisted(includeOpen: true), now: $0) }
    }

    /// The store's own size, as `vitals_store_bytes` and `vitals_store_series`.
    private func recordOwnSize() {
        if let bytesID { store.record(Double(byteCount), for: bytesID) }
        if let seriesID { store.record(Double(store.seriesCount), for: seriesID) }
    }
}

/// Buckets and heaviest processes on their way to the history file (written outside the lock).
struct HistorySave: Sendable {
    var buckets: [PersistedBucket]
    var top: [PersistedTopProcesses]
    var now: Double
}
