import AgentServer
import HistoryFile
import Pipeline
import SeriesStore
import Testing
import TestSupport
import VitalsCore

/// The agent keeps each tick's heaviest processes too, and saves them with its history, so
/// `vitals replay` of an agent's data directory shows them.
@Suite(.serialized) struct AgentTopProcessTests {
    @Test func theAgentSavesItsHeaviestProcessesWithTheBuckets() throws {
        let dir = Fixtures.temporaryDirectory()
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        var snapshot = AgentFixture.snapshot()
        let start = (snapshot.time / 60).rounded(.down) * 60
        let retention = StoreRetention.standard(interval: 1)
        do {
            let store = SeriesStore(retention: retention)
            let file = try HistoryFile.open(directory: dir, store: store, now: start)
            let pipeline = TickPipeline(store: store, history: file)
            for s in 0..<90 {
                snapshot.time = start + Double(s)
                pipeline.record(snapshot)
            }
            pipeline.finish()
        }
        let file = try HistoryFile.open(directory: dir, store: SeriesStore(retention: retention), now: start + 90)
        let minute = try #require(file.topProcesses(at: start + 10))
        let pids = Set((snapshot.processes ?? []).map(\.pid))
        #expect(!minute.processes.isEmpty && Set(minute.processes.map(\.pid)).isSubset(of: pids))
        #expect(file.topProcesses(at: start + 70) != nil, "the open minute, saved at exit")
    }
}
