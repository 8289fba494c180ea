import ProcFS
import TestSupport
import Testing
import VitalsCore

/// Fuzz-style: every parser gets random bytes and random mutations of real files; it may throw,
/// never crash or hang.
@Suite struct RandomBytesTests {
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let parsers: [(String, @Sendable (ArraySlice<UInt8>) throws -> Void)] = [
        ("stat", { _ = try CPUStat.parse($0) }),
        ("meminfo", { _ = try MemoryInfo.parse($0) }),
        ("loadavg", { _ = try LoadAverage.parse($0) }),
        ("diskstats", { _ = try DiskIO.parseAll($0) }),
        ("net/dev", { _ = try NetworkInterface.parseAll($0) }),
        ("self/mounts", { _ = try MountEntry.parseAll($0) }),
        ("1/stat", { _ = try ProcessSample.parse($0) }),
        ("uptime", { _ = try Uptime.parse($0) }),
        ("vmstat", { _ = try VMStat.parse($0) }),
        ("pressure/cpu", { _ = try Pressure.parse(resource: "cpu", $0) }),
        ("net/tcp", { var counts = [Int](repeating: 0, count: 11); try SocketTables.countTCPStates($0, into: &counts) }),
        ("net/udp", { _ = try SocketTables.udpQueues($0) }),
        ("net/sockstat", { _ = SocketTables.udpInUse($0, label: "UDP:") }),
        ("4243/io", { _ = try ProcessFiles.io($0) }),
        ("4243/cmdline", { _ = ProcessFiles.commandLine($0) }),
        ("4242/cgroup", { _ = ProcessFiles.cgroupV2Path($0) }),
        ("spl/kstat/zfs/arcstats", { _ = CgroupFiles.zfsARCSize($0); _ = CgroupFiles.ioBytes($0); _ = CgroupFiles.cpuCores($0) }),
    ]

    /// Parsers that never throw: they return nil or skip what they do not understand.
    static let lenient: Set<String> = ["net/sockstat", "4243/cmdline", "4242/cgroup", "spl/kstat/zfs/arcstats"]

    @Test func parsersSurviveRandomBytesAndMutations() throws {
        var rng = SplitMix(state: 42)
        let alphabet = Array("0123456789 :()/\n\t-.abcxyzkB\\\u{1B}".utf8) + [0, 0xFF, 0xC3]
        for (file, parse) in Self.parsers {
            var accepted = 0, rejected = 0
            let real = Array(try #require(Fixtures.read(Fixtures.procRoot + "/" + file)))
            for round in 0..<400 {
                var bytes: [UInt8]
                if round % 2 == 0 {
                    bytes = (0..<Int.random(in: 0...300, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
                } else {
                    bytes = real
                    for _ in 0..<Int.random(in: 1...8, using: &rng) where !bytes.isEmpty {
                        let i = Int.random(in: 0..<bytes.count, using: &rng)
                        switch Int.random(in: 0..<3, using: &rng) {
                        case 0: bytes[i] = alphabet.randomElement(using: &rng)!
                        case 1: bytes.remove(at: i)
                        default: bytes = Array(bytes[..<i])
                        }
                    }
                }
                do {
                    try parse(bytes[...])
                    accepted += 1
                } catch is ParseError {
                    rejected += 1
                } catch {
                    Issue.record("\(file): unexpected \(error)")
                }
            }
            // Both paths are exercised: lightly mutated real files still parse, and every parser
            // that can reject its input (all but the lenient ones) rejects some of the garbage.
            #expect(accepted > 0, "\(file): nothing parsed")
            if !Self.lenient.contains(file) { #expect(rejected > 0, "\(file): nothing rejected") }
        }
    }
}
