import Testing
import VitalsCore

/// The sample's optional figures are stored as sentinels: they read back as set, missing ones as nil,
/// and two samples missing the same figures are equal.
@Suite struct ProcessSampleTests {
    func sample() -> ProcessSample {
        ProcessSample(
            pid: 42, name: "nginx", state: UInt8(ascii: "S"), ppid: 1, utimeTicks: 10, stimeTicks: 5, nice: 0, threads: 4,
            startTicks: 900, virtualBytes: 1 << 30, residentBytes: 1 << 20, uid: 33
        )
    }

    @Test func optionalFiguresReadBackAsSetAndMissingOnesAsNil() {
        var p = sample()
        #expect(p.cpuPercent == nil && p.ioReadBytes == nil && p.ioWriteBytes == nil)
        #expect(p.ioReadBytesPerSecond == nil && p.ioWriteBytesPerSecond == nil && p.ioBytesPerSecond == nil)
        p.cpuPercent = 0
        p.ioReadBytes = 0
        p.ioWriteBytes = UInt64.max - 1
        p.ioReadBytesPerSecond = 12.5
        p.ioWriteBytesPerSecond = -0.0
        #expect(p.cpuPercent == 0 && p.ioReadBytes == 0 && p.ioWriteBytes == UInt64.max - 1)
        #expect(p.ioBytesPerSecond == 12.5)
        p.cpuPercent = .nan
        #expect(p.cpuPercent == nil, "a NaN is no figure")
        p.ioReadBytes = nil
        #expect(p.ioReadBytes == nil)
    }

    @Test func samplesMissingTheSameFiguresAreEqual() {
        var a = sample(), b = sample()
        #expect(a == b)
        a.cpuPercent = .nan
        #expect(a == b, "NaN is stored as missing, and missing equals missing")
        a.cpuPercent = 3
        #expect(a != b)
        b.cpuPercent = 3
        #expect(a == b)
    }

    /// A collector holds three or four arrays of every process at once: the layout is kept tight.
    @Test func aSampleIsAtMost168Bytes() {
        #expect(MemoryLayout<ProcessSample>.stride <= 168)
    }
}
