import Collectors
import Glibc
import ProcFS
import TestSupport
import Testing
import VitalsCore

/// Every collector over a copy of the captured tree in which numbers are replaced by values no
/// kernel writes but a damaged or hostile file (a container's mounted /proc, a fixture) may hold:
/// just past Int64, the top of UInt64, past UInt64, and twenty nines. Each file is mutated in turn,
/// every number at once and then one column at a time, and the whole tick (collection, then the
/// samples every consumer reads) must go on: a parser rejects or clamps, it never traps. A trap
/// ends the test process, which fails the run.
@Suite struct ExtremeNumberTreeTests {
    static let extremes = ["9223372036854775808", "18446744073709551615", "99999999999999999999"]

    /// Digit runs replaced: all of them (`column` nil), or the `column`-th run of each line.
    static func mutate(_ bytes: [UInt8], with value: [UInt8], column: Int?) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        var i = 0, run = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0A { run = 0 }
            guard b &- 0x30 < 10 else {
                out.append(b)
                i += 1
                continue
            }
            var j = i
            while j < bytes.count, bytes[j] &- 0x30 < 10 { j += 1 }
            out += column == nil || column == run ? value : Array(bytes[i..<j])
            run += 1
            i = j
        }
        return out
    }

    static func files(under root: String) -> [String] {
        Shell.run("cd \(Shell.quote(root)) && find proc sys -type f ! -name '.*' | sort").output.split(separator: "\n").map(String.init)
    }

    @Test func everyCollectorSurvivesExtremeNumbersInEveryFile() throws {
        let dir = Fixtures.temporaryDirectory()
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        #expect(Shell.run("cp -a \(Shell.quote(Fixtures.machine))/. \(Shell.quote(dir))/").status == 0)
        let registry = CollectorRegistry(
            collectors: StandardCollectors.make(procfs: ProcFS(root: dir + "/proc"), sysfs: SysFS(root: dir + "/sys"), processDetails: .all),
            clock: ManualClock()
        )
        _ = registry.collect().samples()
        var mutations = 0, failedRuns = 0
        let files = Self.files(under: dir)
        #expect(files.count > 80, "the captured tree is there")
        for file in files {
            let path = dir + "/" + file
            guard let original = Fixtures.read(path).map(Array.init), original.contains(where: { $0 &- 0x30 < 10 }) else { continue }
            for value in Self.extremes.map({ Array($0.utf8) }) {
                for column in [nil] + (0..<5).map(Optional.some) {
                    let mutated = Self.mutate(original, with: value, column: column)
                    guard mutated != original else { continue }
                    #expect(Self.write(mutated, to: path))
                    let snapshot = registry.collect()
                    _ = snapshot.samples()
                    failedRuns += snapshot.health.count(where: \.lastRunFailed)
                    mutations += 1
                }
            }
            #expect(Self.write(original, to: path))
        }
        // The loop ran over many files, and some of the mutations were refused with a message.
        #expect(mutations > 800, "\(mutations)")
        #expect(failedRuns > 0)
        let healthy = registry.collect()
        #expect(healthy.health.allSatisfy { !$0.lastRunFailed }, "the tree restored reads cleanly again: \(healthy.health.filter(\.lastRunFailed))")
    }

    @Test(arguments: ["UDP: inuse 9223372036854775808\n", "UDP: inuse 18446744073709551615\n"])
    func aHugeUDPCountIsNoFigure(_ text: String) {
        #expect(SocketTables.udpInUse(Fixtures.bytes(text), label: "UDP:") == nil)
    }

    @Test(arguments: ["cpu9223372036854775808 1 2 3 4\n", "cpu99999999999999999999 1 2 3 4\n"])
    func aHugeCoreNumberIsRefused(_ line: String) {
        #expect(throws: ParseError.self) { try CPUStat.parse(Fixtures.bytes("cpu 1 2 3 4\n" + line)) }
    }

    static func write(_ bytes: [UInt8], to path: String) -> Bool {
        guard let f = fopen(path, "wb") else { return false }
        defer { fclose(f) }
        return fwrite(bytes, 1, bytes.count, f) == bytes.count
    }
}
