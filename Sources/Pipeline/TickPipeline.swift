import AlertDelivery
import Alerting
import Collectors
import HistoryFile
import SeriesStore
import Synchronization
import VitalsCore

/// The one record of ticks in a process, whatever shows them: the dashboard, the agent, and
/// both at once (`vitals --serve`, one store). It owns the collection cadence (`startCollecting`),
/// the store and the heaviest processes, the history file's saves and its second pass, and the
/// alert service; each tick goes to its observers (the screen, the stream hub).
///
/// One lock guards what a tick writes (`TickRecord`); it is held for in-memory work only. Saves
/// are handed to the history file's own queue, the journal writes to the alert file's, and the
/// history's second pass reads the file outside the lock and applies what it read in batches.
public final class TickPipeline: Sendable {
    private let state: Mutex<TickRecord>
    /// The history file (nil: memory only).
    public let history: HistoryFile?
    private let observers = Mutex<[@Sendable (PipelineEvent) -> Void]>([])
    private let collection = Mutex<CollectionLoop?>(nil)
    private let restStarted = Atomic<Bool>(false)
    /// The second pass was handed to a thread of its own (once, after the first tick).
    private let restScheduled = Atomic<Bool>(false)
    /// The host's name when a snapshot carries none.
    private let hostFallback: String
    /// Wall-clock seconds (injected: tests give their own).
    public let clock: @Sendable () -> Double

    public init(
        store: sending SeriesStore, history: HistoryFile?, notices: [String] = [], hostFallback: String = "localhost",
        clock: @escaping @Sendable () -> Double = WallClock.now
    ) {
        self.history = history
        self.hostFallback = hostFallback
        self.clock = clock
        state = Mutex(TickRecord(store: store, coarseInMemory: history == nil, notices: notices + (history?.notices ?? [])))
    }

    /// Opens the history file in `directory` (nil: memory only) and restores it into a new store.
    /// A file that cannot be used leaves a notice; recording goes on in memory.
    ///
    /// The first pass reads what a first frame draws: the finest tier's buckets that reach back
    /// `firstSpan` seconds (the live graphs' span), of the series named in `firstSeries` (nil:
    /// all); the rest comes after the first tick (`loadRest`).
    public static func open(
        directory: String?, retention: StoreRetention, firstSpan: Double, firstSeries: Set<String>?, clock: @escaping @Sendable () -> Double = WallClock.now
    ) -> TickPipeline {
        let store = SeriesStore(retention: retention)
        guard let directory else { return TickPipeline(store: store, history: nil, clock: clock) }
        let recent = retention.tiers.first.map { Int((firstSpan / $0.width).rounded(.up)) + 1 } ?? 1
        do {
            let file = try HistoryFile.open(directory: directory, store: store, now: clock(), recentBuckets: recent, firstSeries: firstSeries)
            return TickPipeline(store: store, history: file, clock: clock)
        } catch {
            return TickPipeline(store: SeriesStore(retention: retention), history: nil, notices: ["history not kept: \(error)"], clock: clock)
        }
    }

    /// `vitals replay`: the history in `directory`, read whole and read-only, and the recording's
    /// end. Throws when there is nothing to replay.
    public static func openReplay(directory: String, retention: StoreRetention, clock: @escaping @Sendable () -> Double = WallClock.now) throws -> (TickPipeline, end: Double) {
        let store = SeriesStore(retention: retention)
        let file = try HistoryFile.openForReplay(directory: directory, store: store, now: clock())
        guard let range = file.recordedRange else { throw ReplayError(description: "no history to replay in \(directory): the file holds none") }
        // A second inside the newest bucket: its end belongs to the next one, which was never recorded.
        return (TickPipeline(store: store, history: file, clock: clock), max(range.first, range.last - 1))
    }

    /// Nothing to replay.
    public struct ReplayError: Error, CustomStringConvertible {
        public var description: String
    }

    /// `observer` sees every event from now on, on the thread that recorded it (outside the lock).
    public func observe(_ observer: @escaping @Sendable (PipelineEvent) -> Void) {
        observers.withLock { $0.append(observer) }
    }

    /// From now on each tick goes through `service` (opened by the caller: opening reads its journal).
    public func useAlerts(_ service: sending AlertService) {
        let handed = Handover(service)
        state.withLock { $0.alerts = handed.take() }
    }

    /// One tick: recorded under the lock, the minute's closed buckets handed to the history file's
    /// queue, then the observers told.
    @discardableResult
    public func record(_ snapshot: Snapshot) -> Tick {
        let host = snapshot.host.hostname.isEmpty ? hostFallback : snapshot.host.hostname
        let saving = history?.mode == .writer
        let (tick, save) = state.withLock { $0.record(snapshot, host: host, saving: saving) }
        if let save, let history { history.saveInBackground(save.buckets, top: save.top, now: save.now) }
        notify(.tick(tick))
        return tick
    }

    /// Another host's tick (`vitals attach`); false when it is no newer than the newest held.
    @discardableResult
    public func recordRemote(time: Double, samples: [Sample], processes: [TopProcess]?) -> Bool {
        state.withLock { $0.record(time: time, samples: samples, processes: processes) }
    }

    /// Reads what is recorded: `body` runs under the lock, so it copies out what it needs and
    /// does no I/O.
    public func read<Result: Sendable, E: Error>(_ body: (TickRecord) throws(E) -> Result) throws(E) -> Result {
        try state.withLock { r throws(E) in try body(r) }
    }

    /// Changes the alert service (a silence, new rules), under the lock; does nothing without one.
    public func withAlerts(_ body: @Sendable (AlertService) -> Void) {
        state.withLock { r in r.alerts.map(body) }
    }

    /// The heaviest processes at `time`: held in memory, else read from the file (outside the lock).
    public func topProcesses(at time: Double) -> TopProcessMoment? {
        state.withLock { $0.top.moment(at: time) } ?? history?.topProcesses(at: time)
    }

    /// Reads the older history the first pass left, once: the file outside the lock, a batch of
    /// rows at a time applied under it. Returns the rows read; observers hear `historyLoaded` when
    /// there were any (or when reading failed: its notice is news too).
    @discardableResult
    public func loadRest() -> Int {
        guard !restStarted.exchange(true, ordering: .relaxed), let history else { return 0 }
        do {
            let rows = try history.loadRest(batchRows: 4096) { batch in
                state.withLock { batch.apply(to: $0.store) }
            }.rows
            if rows > 0 { notify(.historyLoaded) }
            return rows
        } catch {
            state.withLock { $0.notices.append("\(error)") }
            notify(.historyLoaded)
            return 0
        }
    }

    /// Starts collecting on a thread of its own, each snapshot recorded here; the first tick also
    /// starts the history's second pass on another.
    public func startCollecting(_ settings: CollectionSettings) {
        let loop = CollectionLoop(settings: settings)
        collection.withLock { $0 = loop }
        loop.start { [self] snapshot in
            record(snapshot)
            if !restScheduled.exchange(true, ordering: .relaxed) { BackgroundThread.run { [self] in loadRest() } }
        }
    }

    /// The interval collection runs at, as configured (after a reload, the new one); nil before
    /// collecting starts or when this pipeline does not collect (a replay, an attach).
    public var configuredInterval: Double? { collection.withLock { $0 }?.intervalSeconds }

    /// A reload (`R`, SIGHUP): the collection's interval and interfaces, and the alert rules.
    public func reconfigure(interval: Duration, skippedInterfaces: Set<String>, alerts: AlertConfiguration?) {
        collection.withLock { $0 }?.update(interval: interval, skippedInterfaces: skippedInterfaces)
        if let alerts { withAlerts { $0.reconfigure(alerts) } }
    }

    /// Stops collecting (waits for a collection under way) and the alert service (its journal
    /// writes finish), then saves everything not yet saved. Call once, on the way out.
    public func finish() {
        collection.withLock { $0 }?.stop()
        // The journal's queued writes finish outside the lock; stopping the service is then quick.
        state.withLock { $0.alerts?.journal }?.drain()
        state.withLock { $0.alerts?.stop() }
        guard let history, history.mode == .writer else { return }
        // A minute's save may still wait on the file's queue.
        history.drain()
        guard let save = state.withLock({ $0.finalSave() }) else { return }
        do {
            try history.save(save.buckets, top: save.top, now: save.now)
        } catch {
            state.withLock { $0.notices.append("\(error)") }
        }
    }

    /// Problems worth a line: the history file's, and the alert service's.
    public var notices: [String] {
        state.withLock { r in r.notices + (r.alerts?.notices ?? []) }
    }

    /// The last save's failure, if any.
    public var problem: String? {
        history?.lastError.map { "history file: " + $0 }
    }

    private func notify(_ event: PipelineEvent) {
        for observer in observers.withLock({ $0 }) { observer(event) }
    }
}
