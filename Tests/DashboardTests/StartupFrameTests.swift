import Collectors
@testable import Dashboard
import HistoryFile
import ProcFS
import Rendering
import Pipeline
import SeriesStore
import TerminalBackend
import TestSupport
import Testing
import VitalsCore

/// The first frame is drawn from the history file before the first reading (`StartupSnapshot`),
/// and the file's first pass reads only what that frame draws.
@Suite(.serialized) struct StartupFrameTests {
    /// Twenty minutes of the captured host's series at 1-second ticks (each value varied tick by
    /// tick, so every graph has a shape; zeros become a million), saved to a history file in a new directory. The newest
    /// tick is a minute before `now`.
    static func recording(now: Double) throws -> String {
        let registry = CollectorRegistry(
            collectors: StandardCollectors.make(procfs: ProcFS(root: Fixtures.procRoot), sysfs: SysFS(root: Fixtures.sysRoot), processDetails: .none),
            intervals: [:], clock: ContinuousClock()
        )
        _ = registry.collect()
        // A capture has one /proc/stat, so no CPU rates: those are added, for four cores.
        var samples: [Sample] = registry.collect().samples()
        samples.append(Sample(SeriesKey("vitals_cpu_utilization_ratio"), 0.4))
        for core in 0..<4 {
            samples.append(Sample(SeriesKey("vitals_cpu_core_utilization_ratio", ["cpu": String(core)]), 0.1 * Double(core + 1)))
        }
        for mode in ["user", "nice", "system", "irq", "softirq", "iowait", "steal"] {
            samples.append(Sample(SeriesKey("vitals_cpu_mode_ratio", ["mode": mode]), 0.05))
        }
        let directory = Fixtures.temporaryDirectory()
        let store = SeriesStore(retention: .standard(interval: 1))
        let file = try HistoryFile.open(directory: directory, store: store, now: now - 1300)
        for t in 0..<1200 {
            let varied = samples.enumerated().map { i, sample -> Sample in
                // The capture's rates are 0 (one reading of each file, twice): a megabyte a second.
                let factor = 0.5 + Double((t / 20 + i) % 11) / 10
                return Sample(sample.key, (sample.value == 0 ? 1_000_000 : sample.value) * factor)
            }
            store.append(varied, at: now - 1260 + Double(t))
        }
        try file.save(store.takeUnpersisted(includeOpen: true), now: now - 60)
        return directory
    }

    /// The first frame as the run loop draws it at `now`: 400x50 in braille, so that a graph shows
    /// every one of its points (two a cell), the whole span the first pass reads.
    static func startupFrame(_ store: SeriesStore, now: Double) throws -> [String] {
        let snapshot = try #require(StartupSnapshot.make(store: store, at: now))
        var model = DashboardModelBuilder(historyPoints: RunLoop.historyPoints).build(snapshot: snapshot, store: store, interval: 1, hostFallback: "x")
        model.memory?.pending = true
        model.braille = true
        return DashboardView().render(model, width: 400, height: 50).lines
    }

    @Test func theFirstPassReadsEverythingTheFirstFrameDraws() throws {
        let now = 1_795_300_000.0
        let directory = try Self.recording(now: now)
        defer { Shell.run("rm -rf \(Shell.quote(directory))") }
        let first = TickPipeline.open(
            directory: directory, retention: .standard(interval: 1), firstSpan: Double(RunLoop.historyPoints), firstSeries: StartupSnapshot.seriesNames,
            clock: { now }
        )
        let firstRows = try #require(first.history).loadedBuckets
        let firstFrame = try first.read { r throws in try Self.startupFrame(r.store, now: now) }
        let restRows = first.loadRest()
        let everything = try first.read { r throws in try Self.startupFrame(r.store, now: now) }
        let allRows = firstRows + restRows
        let differing = zip(firstFrame, everything).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
        #expect(firstFrame.count == everything.count && differing.isEmpty, "the first pass missed what the first frame draws on rows \(differing)")
        #expect(firstRows * 10 < allRows, "the first pass reads a small part of the file: \(firstRows) of \(allRows) rows")
        // Not vacuous: the graphs have shapes (braille and block cells), and the panes their rows.
        let text = firstFrame.joined(separator: "\n")
        let graphCells = text.unicodeScalars.count { (0x2801...0x28FF).contains($0.value) || (0x2581...0x2588).contains($0.value) }
        #expect(graphCells > 1_000, "graph cells: \(graphCells)\n\(text)")
        #expect(text.contains("Used") && text.contains("Swap  -"), "memory figures pending")
    }
}
