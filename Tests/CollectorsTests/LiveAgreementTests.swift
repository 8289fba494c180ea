import Collectors
import Glibc
import ProcFS
import TestSupport
import Testing
import VitalsCore

/// The collectors agree with the machine running the tests: totals exactly, counts within 10 %.
@Suite struct LiveAgreementTests {
    let snapshot = CollectorRegistry(
        collectors: StandardCollectors.make(procfs: ProcFS(), sysfs: SysFS()),
        clock: ContinuousClock()
    ).collect()

    @Test func memoryTotalMatchesMeminfo() throws {
        let text = try #require(Fixtures.text("/proc/meminfo"))
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("MemTotal:") })
        let kb = try #require(UInt64(line.split(separator: " ")[1]))
        #expect(snapshot.memory?.total == kb * 1024)
    }

    @Test func cpuCountMatchesOnlineProcessors() {
        #expect(snapshot.cpu?.stat.cores.count == Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    @Test func rootFilesystemSizeMatchesStatvfs() throws {
        var st = statvfs()
        #expect(statvfs("/", &st) == 0)
        let size = UInt64(st.f_blocks) * UInt64(st.f_frsize)
        let root = try #require(snapshot.filesystems?.first { $0.mount.mountPoint == "/" })
        #expect(root.sizeBytes == size)
    }

    @Test func processCountIsWithinTenPercent() throws {
        // Counted before and after a collection of its own: the tests beside this one start and
        // end processes meanwhile.
        func listed() -> Double { Double(Shell.run("ls /proc | grep -c '^[0-9]*$'").output.split(separator: "\n")[0]) ?? 0 }
        let before = listed()
        let fresh = CollectorRegistry(collectors: StandardCollectors.make(procfs: ProcFS(), sysfs: SysFS()), clock: ContinuousClock()).collect()
        let after = listed()
        let seen = Double(try #require(fresh.processes).count)
        #expect(seen >= min(before, after) * 0.9 && seen <= max(before, after) * 1.1, "collector saw \(seen), ls saw \(before) then \(after)")
        #expect(fresh.processes?.contains { $0.pid == getpid() } == true)
    }
}
