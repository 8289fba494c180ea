@testable import AgentServer
import Dashboard
import Foundation
import RemoteAttach
import SeriesStore
import Testing
import VitalsCore

@Suite struct SeriesBackfillTests {
    @Test func aFirstAttachReachesTenMinutesBackOnePointATick() {
        let spans = SeriesBackfill.plan(lastHeld: nil, firstLive: 10_000, interval: 1)
        #expect(spans.count == 1)
        #expect(spans[0].from == 10_000 - 600 + 0.5)
        #expect(spans[0].to == 9_999.5)
        #expect(spans[0].points == 599)
        #expect(abs(spans[0].step - 1) < 1e-9)
        #expect(spans[0].path == "/api/v1/series?name=*&from=9400.5&to=9999.5&points=599&fields=mean")
    }

    @Test func aGapIsFilledBetweenTheLastTickHeldAndTheFirstLiveOne() {
        let spans = SeriesBackfill.plan(lastHeld: 1_000, firstLive: 1_031, interval: 1)
        #expect(spans == [SeriesBackfill.Span(from: 1_000.5, to: 1_030.5, points: 30)])
        // Two seconds at a 2 s interval: nothing was missed.
        #expect(SeriesBackfill.plan(lastHeld: 1_000, firstLive: 1_002, interval: 2).isEmpty)
        #expect(SeriesBackfill.plan(lastHeld: 1_000, firstLive: 1_001, interval: 1).isEmpty)
    }

    @Test func aLongGapIsAskedInPiecesAndItsOldPartInMinutes() {
        let spans = SeriesBackfill.plan(lastHeld: 0, firstLive: 3 * 3600, interval: 1)
        // Two hours before the raw hour in 120 one-minute points, then the hour in six requests.
        #expect(spans.count == 7)
        #expect(spans[0].points == 120)
        #expect(abs(spans[0].step - 60) < 0.01)
        #expect(spans.dropFirst().allSatisfy { $0.points == 600 })
        for (a, b) in zip(spans, spans.dropFirst()) { #expect(abs(a.to - b.from) < 1e-6, "contiguous") }
        #expect(spans.last?.to == 3 * 3600 - 0.5)
        // A gap of three days: only the last day and an hour come back.
        let long = SeriesBackfill.plan(lastHeld: 0, firstLive: 3 * 86_400, interval: 1)
        #expect(long[0].points == 1440)
        let expectedFrom: Double = 3 * 86_400 - 0.5 - 3600 - 86_400
        #expect(long[0].from == expectedFrom)
    }

    @Test func theAgentsAnswerBecomesTicksOldestFirst() throws {
        let store = SeriesStore(capacity: 100)
        for t in 0..<10 {
            // A gap at tick 4 for load (NaN), and tick 6 with nothing at all.
            if t == 6 { continue }
            store.append([Sample(SeriesKey("node_load1"), t == 4 ? .nan : Double(t)), Sample(SeriesKey("vitals_disk_busy_ratio", ["device": "sda"]), 0.5)], at: 1_000 + Double(t))
        }
        let query = SeriesQuery(name: "*", matchers: [], from: 999.5, to: 1_009.5, points: 10, meanOnly: true)
        let keys = store.allKeys()
        let body = AgentJSON.series(query, keys.map { ($0, store.window($0, from: 999.5, to: 1_009.5, points: 10)) })
        let ticks = try SeriesBackfill.decode(Data(body.utf8))
        #expect(ticks.map(\.time) == [1_000, 1_001, 1_002, 1_003, 1_004, 1_005, 1_007, 1_008, 1_009])
        #expect(ticks[2].samples.first { $0.key == SeriesKey("node_load1") }?.value == 2)
        #expect(ticks[4].samples.map(\.key) == [SeriesKey("vitals_disk_busy_ratio", ["device": "sda"])], "the NaN is left out: a gap")
        #expect(ticks.allSatisfy { $0.processes == nil })
        #expect(throws: SeriesBackfill.DecodeError.self) { try SeriesBackfill.decode(Data("<html>".utf8)) }
        #expect(try SeriesBackfill.decode(Data(#"{"from":0,"step":1,"series":[]}"#.utf8)).isEmpty)
    }
}
