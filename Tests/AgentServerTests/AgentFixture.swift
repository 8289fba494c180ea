import AgentServer
import AlertDelivery
import AlertJournal
import Alerting
import Collectors
import Exposition
import ProcFS
import Pipeline
import SeriesStore
import TestSupport
import VitalsCore

/// A snapshot of the captured Debian 12 tree (two collections, so rates exist), with what varies
/// from run to run (times, durations, vitals' own process) pinned.
enum AgentFixture {
    static func snapshot() -> Snapshot {
        let registry = CollectorRegistry(
            collectors: StandardCollectors.make(procfs: ProcFS(root: Fixtures.procRoot), sysfs: SysFS(root: Fixtures.sysRoot), processDetails: .none),
            intervals: [:], clock: ContinuousClock()
        )
        _ = registry.collect()
        var snapshot = registry.collect()
        snapshot.time = 1_795_300_000
        snapshot.host.selfCPUSeconds = 1.5
        snapshot.host.selfResidentBytes = 12_345_678
        snapshot.host.selfCPUPercent = 0.5
        snapshot.host.selfVirtualBytes = 400_000_000
        snapshot.host.selfOpenFDs = 25
        snapshot.host.selfMaxFDs = 1024
        snapshot.host.selfVirtualMaxBytes = UInt64.max
        snapshot.host.selfStartTime = 1_795_299_000
        // The machine's clock discipline (adjtimex, not a file): pinned.
        for i in (snapshot.kernel?.entries ?? []).indices where snapshot.kernel!.entries[i].name.hasPrefix("node_timex_") {
            snapshot.kernel!.entries[i].value = snapshot.kernel!.entries[i].name == "node_timex_tick_seconds" ? 0.01 : 0
        }
        // The machine's time zone: pinned to UTC.
        if let i = snapshot.kernel?.entries.firstIndex(where: { $0.name == "node_time_zone_offset_seconds" }) {
            snapshot.kernel!.entries[i] = .init("node_time_zone_offset_seconds", 0, counter: false, labels: [.init("time_zone", "UTC")])
        }
        // statvfs reads the live mounts: pinned too.
        for i in (snapshot.filesystems ?? []).indices {
            snapshot.filesystems![i].sizeBytes = 100_000_000_000
            snapshot.filesystems![i].freeBytes = 40_000_000_000
            snapshot.filesystems![i].availableBytes = 35_000_000_000
            snapshot.filesystems![i].files = 6_000_000
            snapshot.filesystems![i].filesFree = 5_000_000
        }
        for i in snapshot.health.indices {
            snapshot.health[i].lastDurationSeconds = 0.001
            snapshot.health[i].lastSuccess = snapshot.health[i].lastSuccess.map { _ in 1_795_300_000 }
        }
        return snapshot
    }

    static let identity: MetricsPage.HostIdentity = {
        var identity = MetricsPage.HostIdentity(
            uname: [("domainname", "(none)"), ("machine", "x86_64"), ("nodename", "fixture"), ("release", "6.1.0-18-amd64"), ("sysname", "Linux"), ("version", "#1 SMP")],
            osRelease: [("id", "debian"), ("name", "Debian GNU/Linux"), ("version_id", "12")]
        )
        identity.clocksources = ["kvm-clock", "tsc"]
        identity.currentClocksource = "tsc"
        identity.build = [("version", "0.1.0"), ("revision", "fixture")]
        return identity
    }()

    /// A core holding one snapshot, with a rule that fires on it.
    /// `journal`: the alert history's file (nil: none, as with `history.persist: false`).
    /// `extraRules` run beside the fixture's own, which fires on every tick.
    static func core(recorded: Bool = true, journal: AlertJournal? = nil, extraRules: [AlertRule] = []) throws -> AgentCore {
        let rule = AlertRule(name: "load-high", expr: try AlertExprParser.parse("node_load1 > -1"), summary: "load {{ value }} on {{ host }}")
        let service = AlertService(configuration: AlertConfiguration(rules: [rule] + extraRules, notifiers: []), journal: journal, now: 0, clock: { 0 })
        let pipeline = TickPipeline(store: SeriesStore(retention: .standard(interval: 1)), history: nil)
        pipeline.useAlerts(service)
        let core = AgentCore(pipeline: pipeline, identity: identity)
        if recorded { pipeline.record(snapshot()) }
        return core
    }
}
