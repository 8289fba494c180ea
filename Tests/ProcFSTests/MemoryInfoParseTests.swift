import ProcFS
import TestSupport
import Testing
import VitalsCore

@Suite struct MemoryInfoParseTests {
    @Test func parsesTheCapturedFileIntoBytes() throws {
        let m = try MemoryInfo.parse(#require(Fixtures.read(Fixtures.procRoot + "/meminfo")))
        #expect(m.fields.count == 54)
        #expect(m.total == 24_684_092 * 1024)
        #expect(m["Active(anon)"] != nil)
        #expect(m["HugePages_Total"] == 0)
        #expect(m.used == m.total - m.available)
        #expect(m.available <= m.total)
    }

    @Test func usedIsTotalMinusAvailable() throws {
        let m = try MemoryInfo.parse(Fixtures.bytes("MemTotal: 1000 kB\nMemFree: 100 kB\nMemAvailable: 600 kB\n"))
        #expect(m.used == 400 * 1024)
    }

    @Test func kernelsWithoutMemAvailableFallBack() throws {
        let m = try MemoryInfo.parse(Fixtures.bytes("MemTotal: 1000 kB\nMemFree: 100 kB\nBuffers: 50 kB\nCached: 150 kB\n"))
        #expect(m.available == 300 * 1024)
    }

    @Test(arguments: ["", "MemFree: 1 kB\n", "MemTotal: lots kB\n", "garbage\n", "MemTotal: 99999999999999999999 kB\n"])
    func malformedInputThrows(_ text: String) {
        #expect(throws: ParseError.self) { try MemoryInfo.parse(Fixtures.bytes(text)) }
    }

    @Test func errorsNameTheLine() {
        #expect {
            try MemoryInfo.parse(Fixtures.bytes("MemTotal: 1 kB\nMemFree: x kB\n"))
        } throws: { error in
            (error as? ParseError)?.description == "/proc/meminfo:2: bad value for MemFree"
        }
    }
}
