import Collectors
import HistoryFile
import SeriesStore
import VitalsCore

/// Feeds the store from each snapshot and keeps the history file in step with it: closed buckets
/// are saved once a minute on the file's own queue (the loop never waits on the disk), and everything,
/// open buckets included, once more at exit.
///
/// The store's own size is recorded as `vitals_store_bytes` with every tick. Beside the series, each
/// tick's heaviest processes go to `top` (time travel), and its closed buckets to the file with them.
final class HistoryRecorder {
    let store: SeriesStore
    let top: TopProcessHistory
    let file: HistoryFile?
    /// Messages from opening the file (moved aside, read-only, unusable directory).
    private(set) var notices: [String]
    private var lastSaveMinute: Int?
    private let bytesID: SeriesID?
    private let seriesID: SeriesID?

    init(store: SeriesStore, file: HistoryFile?, notices: [String] = []) {
        self.store = store
        self.file = file
        top = TopProcessHistory(retention: store.retention, coarseInMemory: file == nil)
        self.notices = notices + (file?.notices ?? [])
        bytesID = store.id(for: SeriesKey("vitals_store_bytes"))
        seriesID = store.id(for: SeriesKey("vitals_store_series"))
    }

    /// Opens the history file in `directory` (nil: memory only) and restores it into a new store.
    /// A file that cannot be used leaves a notice; the dashboard runs on with memory only.
    ///
    /// The first pass reads what the first frame draws: the finest tier's buckets that reach back
    /// `firstSpan` seconds (the live graphs' span), of the series named in `firstSeries`; the rest
    /// comes after the first reading (`loadRest`).
    static func open(directory: String?, retention: StoreRetention, now: Double, firstSpan: Double, firstSeries: Set<String>?) -> HistoryRecorder {
        let store = SeriesStore(retention: retention)
        guard let directory else { return HistoryRecorder(store: store, file: nil) }
        // The bucket the span starts in, and each one after it.
        let recent = retention.tiers.first.map { Int((firstSpan / $0.width).rounded(.up)) + 1 } ?? 1
        do {
            return HistoryRecorder(
                store: store, file: try HistoryFile.open(directory: directory, store: store, now: now, recentBuckets: recent, firstSeries: firstSeries)
            )
        } catch {
            return HistoryRecorder(store: store, file: nil, notices: ["history not kept: \(error)"])
        }
    }

    /// `vitals replay`: the history in `directory`, read whole and read-only; nil cursor times are the
    /// recording's end. Throws when there is nothing to replay.
    static func openReplay(directory: String, retention: StoreRetention, now: Double) throws -> (HistoryRecorder, end: Double) {
        let store = SeriesStore(retention: retention)
        let file = try HistoryFile.openForReplay(directory: directory, store: store, now: now)
        guard let range = file.recordedRange else { throw DashboardApp.StartError(description: "no history to replay in \(directory): the file holds none") }
        // A second inside the newest bucket: its end belongs to the next one, which was never recorded.
        return (HistoryRecorder(store: store, file: file), max(range.first, range.last - 1))
    }

    /// Appends the snapshot's tick; returns its samples (the alert engine reads the counters).
    @discardableResult
    func record(_ snapshot: Snapshot) -> [Sample] {
        let samples = snapshot.samples()
        store.append(samples, at: snapshot.time)
        if let processes = snapshot.processes { top.record(samples: processes, at: snapshot.time) }
        if let bytesID { store.record(Double(byteCount), for: bytesID) }
        if let seriesID { store.record(Double(store.seriesCount), for: seriesID) }
        let minute = Int((snapshot.time / 60).rounded(.down))
        if file != nil, minute != lastSaveMinute {
            if lastSaveMinute != nil {
                // A save not yet started (no frame drawn since) is joined, never replaced.
                let earlier = pendingSave
                pendingSave = ((earlier?.buckets ?? []) + store.takeUnpersisted(), (earlier?.top ?? []) + top.takeUnpersisted(), snapshot.time)
            }
            lastSaveMinute = minute
        }
        return samples
    }

    /// The minute's closed buckets, taken from the store at the tick and saved after it is drawn.
    private var pendingSave: (buckets: [PersistedBucket], top: [PersistedTopProcesses], now: Double)?

    /// Starts the save the last tick prepared, if any (on the file's queue). The run loop calls
    /// this once the frame is drawn, so that the save's code (SQLite's) and the tick's are not
    /// resident at once: `StartupPages.release()` runs before the save and again after it. The
    /// save used to add 2 MB to the resident set every minute, and to the peak (docs/PERFORMANCE.md).
    func savePending() {
        guard let file, let save = pendingSave else { return }
        pendingSave = nil
        StartupPages.release()
        file.saveInBackground(save.buckets, top: save.top, now: save.now) { StartupPages.release() }
    }

    /// `vitals attach`: one of the remote agent's ticks (live, or from a backfill). The store only
    /// moves forward, so a tick no newer than the newest held is skipped; false then.
    @discardableResult
    func record(_ tick: RemoteTick) -> Bool {
        guard tick.time > (store.latestTime ?? -.infinity) else { return false }
        store.append(tick.samples, at: tick.time)
        if let processes = tick.processes { top.record(processes, at: tick.time) }
        return true
    }

    /// Reads the older history the first pass left (once, after the first frame); true when it
    /// read anything (the graphs then need drawing again).
    func loadRest() -> Bool {
        guard !restLoaded else { return false }
        restLoaded = true
        guard let file else { return false }
        do {
            return try file.loadRest(into: store).rows > 0
        } catch {
            notices.append("\(error)")
            return true
        }
    }

    private(set) var restLoaded = false

    /// Bytes of history held in memory: the series and the heaviest processes.
    var byteCount: Int { store.byteCount + top.byteCount }

    /// The heaviest processes at `time`: the tick's or a bucket's held in memory, else the file's.
    func topProcesses(at time: Double) -> TopProcessMoment? {
        top.moment(at: time) ?? file?.topProcesses(at: time)
    }

    /// The last save's failure, if any, for the status line.
    var problem: String? {
        file?.lastError.map { "history file: " + $0 }
    }

    /// Saves everything still unsaved; called once, on the way out.
    func finish() {
        guard let file else { return }
        // A minute's save handed to the file's queue may still be waiting there: the process
        // would exit without it (the recorder test that exits right after a save saw it lost).
        file.drain()
        guard let now = store.latestTime else { return }
        do {
            if let save = pendingSave {
                pendingSave = nil
                try file.save(save.buckets, top: save.top, now: save.now)
            }
            try file.save(store.takeUnpersisted(includeOpen: true), top: top.takeUnpersisted(includeOpen: true), now: now)
        } catch {
            notices.append("\(error)")
        }
    }
}
