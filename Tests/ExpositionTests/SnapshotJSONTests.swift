import Exposition
import Foundation
import Testing
import VitalsCore

@Suite struct SnapshotJSONTests {
    func snapshot() -> Snapshot {
        var s = Snapshot(time: 1_800_000_000.5, interval: 1, host: HostInfo(hostname: "h\"ost"), ticksPerSecond: 100)
        s.load = LoadAverage(one: 0.5, five: 0.25, fifteen: .nan, runnable: 1, total: 10)
        var p = ProcessSample(pid: 7, name: "evil\u{1B}[2J\n\"x\"", state: 83, ppid: 1, utimeTicks: 150, stimeTicks: 50, nice: -5,
                              threads: 3, startTicks: 1000, virtualBytes: 4096, residentBytes: 8192, uid: 1000)
        p.user = "alice"
        p.cpuPercent = 12.5
        p.ioReadBytes = 1_048_576
        p.ioWriteBytes = 4096
        s.processes = [p]
        var h = CollectorHealth(name: "disk")
        h.consecutiveFailures = 1
        h.errorCount = 1
        h.lastError = "boom"
        s.health = [h]
        return s
    }

    @Test func isValidJSONWithSeriesAndProcesses() throws {
        let text = SnapshotJSON.encode(snapshot())
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(doc["host"] as? String == "h\"ost")
        let series = try #require(doc["series"] as? [[String: Any]])
        let load1 = try #require(series.first { $0["name"] as? String == "node_load1" })
        #expect(load1["value"] as? Double == 0.5)
        #expect((load1["labels"] as? [String: String])?.isEmpty == true)
        #expect(series.first { $0["name"] as? String == "node_load15" }?["value"] is NSNull, "NaN is not JSON: null")
        let success = try #require(series.first { $0["name"] as? String == "vitals_collector_success" })
        #expect(success["labels"] as? [String: String] == ["collector": "disk"])
        #expect(success["value"] as? Double == 0)
        let processes = try #require(doc["processes"] as? [[String: Any]])
        #expect(processes.count == 1)
        #expect(processes[0]["name"] as? String == "evil\u{1B}[2J\n\"x\"")
        #expect(processes[0]["user"] as? String == "alice")
        #expect(processes[0]["cpu_seconds"] as? Double == 2)
        #expect(processes[0]["state"] as? String == "S")
        #expect(processes[0]["nice"] as? Int == -5)
        // Regression: `.map(Double.init)` on a UInt64 chose init(bitPattern:), printing 5e-318.
        #expect(processes[0]["io_read_bytes"] as? Double == 1_048_576)
        #expect(processes[0]["io_write_bytes"] as? Double == 4096)
    }

    @Test func controlCharactersAreEscaped() {
        let text = SnapshotJSON.encode(snapshot())
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 })
        #expect(text.contains(#"evil\u001b[2J\n\"x\""#))
    }

    @Test func numberFormatting() {
        #expect(JSONWriter.format(3) == "3")
        #expect(JSONWriter.format(0.1) == "0.1")
        #expect(JSONWriter.format(.infinity) == "null")
        #expect(JSONWriter.format(1e20) == "1e+20")
    }
}
