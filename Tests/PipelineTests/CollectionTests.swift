import Collectors
import Pipeline
import ProcFS
import SeriesStore
import Testing
import TestSupport
import VitalsCore

/// The pipeline's collection thread over a captured /proc and /sys: it records ticks at the
/// cadence, a reload changes what it collects (as `R` and SIGHUP both do, through the pipeline),
/// and finishing stops it.
@Suite struct CollectionTests {
    static func waitFor(_ condition: () -> Bool) async -> Bool {
        await Shell.waitUntil(seconds: 5, condition)
    }

    @Test func collectsAtTheCadenceAndAReloadSkipsAnInterface() async {
        let pipeline = TickPipeline(store: SeriesStore(retention: .standard(interval: 1)), history: nil)
        let settings = CollectionSettings(
            procfs: ProcFS(root: Fixtures.procRoot), sysfs: SysFS(root: Fixtures.sysRoot), interval: .milliseconds(100),
            ignoredFilesystemTypes: FilesystemCollector.defaultIgnoredTypes, skippedInterfaces: [], disabledCollectors: [],
            collectorIntervals: StandardCollectors.defaultIntervals, processDetails: .none
        )
        #expect(pipeline.configuredInterval == nil, "not collecting yet")
        pipeline.startCollecting(settings)
        #expect(pipeline.configuredInterval == 0.1, "the configured interval, not a tick's measured gap")
        let interfaces = { pipeline.read { r in Set((r.snapshot?.network ?? []).map(\.name)) } }
        #expect(await Self.waitFor { pipeline.read { $0.ticks } >= 2 })
        #expect(interfaces().contains("lo"))
        pipeline.reconfigure(interval: .milliseconds(100), skippedInterfaces: ["lo"], alerts: nil)
        #expect(pipeline.configuredInterval == 0.1)
        let reloadedAt = pipeline.read { $0.ticks }
        #expect(await Self.waitFor { pipeline.read { $0.ticks } >= reloadedAt + 2 })
        #expect(!interfaces().contains("lo") && interfaces().contains("ifb0"), "\(interfaces())")
        pipeline.finish()
        let stoppedAt = pipeline.read { $0.ticks }
        await Shell.pause(0.25)
        #expect(pipeline.read { $0.ticks } == stoppedAt, "finish stops collecting")
    }
}
