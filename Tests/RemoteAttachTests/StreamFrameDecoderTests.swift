@testable import AgentServer
import Dashboard
import RemoteAttach
import SeriesStore
import Testing
import VitalsCore

/// The agent's own frames (its `StreamMessages`), read back: what the agent writes, attach reads.
@Suite struct StreamFrameDecoderTests {
    static func snapshot() -> Snapshot {
        var s = Snapshot(time: 1_795_300_000.5, host: HostInfo(hostname: "db1"))
        s.load = LoadAverage(one: 0.5, five: 0.25, fifteen: 0.125, runnable: 1, total: 100)
        s.processes = (1...40).map { i in
            var p = ProcessSample(
                pid: Int32(i), name: i == 7 ? "evil\u{1b}[2J\"name" : "proc\(i)", state: UInt8(ascii: "S"), ppid: 1, utimeTicks: 0, stimeTicks: 0,
                nice: 0, threads: 1, startTicks: 0, virtualBytes: 0, residentBytes: i == 7 ? 1 << 30 : UInt64(i) << 20, uid: 1000
            )
            p.user = "user\(i % 3)"
            p.cpuPercent = Double(i % 12)
            p.ioReadBytesPerSecond = Double(i % 5) * 100
            p.ioWriteBytesPerSecond = 0
            return p
        }
        return s
    }

    @Test func aTickFrameGivesItsTimeSamplesAndHeaviestProcesses() throws {
        let s = Self.snapshot()
        let text = StreamMessages.tick(s, samples: s.samples(), transitions: [], health: [], source: "vitals@db1")
        guard case let .tick(tick, _) = try StreamFrameDecoder.decode(text) else {
            Issue.record("not a tick")
            return
        }
        #expect(tick.time == 1_795_300_000.5)
        #expect(tick.samples.count == s.samples().count)
        #expect(Set(tick.samples.map(\.key)) == Set(s.samples().map(\.key)))
        #expect(tick.samples.first { $0.key == SeriesKey("node_load1") }?.value == 0.5)
        let expected = TopProcessSelection.heaviest(samples: s.processes!, perOrder: 10)
        #expect(tick.processes == expected, "the agent's choice, unchanged (names raw: the view sanitises)")
        #expect(tick.processes?.contains { $0.name == "evil\u{1b}[2J\"name" } == true)
    }

    @Test func theOtherMessages() throws {
        #expect(try StreamFrameDecoder.decode(StreamMessages.snapshot("{\"time\":1}")) == .snapshot)
        #expect(try StreamFrameDecoder.decode(StreamMessages.refused("too many stream clients (1); try again later")) == .refused("too many stream clients (1); try again later"))
        #expect(try StreamFrameDecoder.decode("[]") == .other)
        #expect(try StreamFrameDecoder.decode("[{\"type\":\"collector_status\",\"data\":{\"collector\":\"cpu\"}}]") == .other)
    }

    @Test(arguments: ["", "   ", "{", "[{]", "not json", "{\"data\":1}", "[1,2]", "[{\"type\":\"system_metric\",\"data\":{\"value\":\"x\"}}]"])
    func framesThatAreNotTheStreamsJSONAreErrorsNotCrashes(_ text: String) {
        #expect(throws: StreamFrameDecoder.DecodeError.self) { try StreamFrameDecoder.decode(text) }
    }

    @Test func aNullValueIsAGapAndAnUnparsableTimeIsNoTick() throws {
        let frame = #"[{"type":"system_metric","data":{"time":"2026-11-21T22:26:40Z","metric_type":"node_load1","value":null,"meta":{"kind":"gauge"}}}]"#
        guard case let .tick(tick, _) = try StreamFrameDecoder.decode(frame) else {
            Issue.record("not a tick")
            return
        }
        #expect(tick.samples.first?.value.isNaN == true)
        #expect(try StreamFrameDecoder.decode(#"[{"type":"system_metric","data":{"time":"yesterday","metric_type":"node_load1","value":1}}]"#) == .other)
    }
}
