import ProcFS
import TestSupport
import Testing
import VitalsCore

@Suite struct CPUStatParseTests {
    @Test func parsesTheCapturedFile() throws {
        let stat = try CPUStat.parse(#require(Fixtures.read(Fixtures.procRoot + "/stat")))
        #expect(stat.cores.map(\.id) == [0, 1])
        #expect(stat.total.user == 1994)
        #expect(stat.total.system == 1308)
        #expect(stat.total.idle == 42706)
        #expect(stat.total.steal == 11)
        #expect(stat.cores[1].times.user == 1351)
        #expect(stat.bootTime > 1_700_000_000)
        #expect(stat.contextSwitches > 0)
        #expect(stat.interrupts > 0)
        #expect(stat.forks > 0)
    }

    @Test func oldKernelsWithFourColumnsParse() throws {
        let stat = try CPUStat.parse(Fixtures.bytes("cpu 10 20 30 40\ncpu0 10 20 30 40\n"))
        #expect(stat.total.idle == 40)
        #expect(stat.total.iowait == 0)
        #expect(stat.cores.count == 1)
    }

    @Test func hotPluggedCoresKeepTheirIds() throws {
        let stat = try CPUStat.parse(Fixtures.bytes("cpu 1 2 3 4 5 6 7 8 9 10\ncpu0 1 1 1 1\ncpu3 1 1 1 1\n"))
        #expect(stat.cores.map(\.id) == [0, 3])
    }

    @Test(arguments: ["", "intr 5\n", "cpu 1 2\n", "cpu x y z w\n", "cpuA 1 2 3 4\ncpu 1 2 3 4\n"])
    func malformedInputThrowsAClearError(_ text: String) {
        #expect(throws: ParseError.self) { try CPUStat.parse(Fixtures.bytes(text)) }
    }

    @Test func guestTimeIsNotCountedTwice() {
        var t = CPUTimes()
        t.user = 100
        t.guest = 40
        t.idle = 100
        #expect(t.total == 200)
    }
}
