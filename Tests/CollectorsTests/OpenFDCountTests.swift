@testable import Collectors
import Glibc
import Testing

/// vitals' own open descriptors, from one `stat` where the kernel gives the count, agree with a
/// listing of /proc/self/fd and follow opens and closes.
@Suite struct OpenFDCountTests {
    func listed() -> Int {
        guard let dir = opendir("/proc/self/fd") else { return -1 }
        defer { closedir(dir) }
        var count = 0
        while let entry = readdir(dir) {
            if entry.pointee.d_name.0 != 0x2E { count += 1 }
        }
        return count - 1
    }

    @Test func theCountFollowsOpensAndClosesAndAgreesWithAListing() throws {
        let before = try #require(HostCollector.countOpenFDs())
        let fds = (0..<50).map { _ in open("/dev/null", O_RDONLY) }
        let during = try #require(HostCollector.countOpenFDs())
        let reference = listed()
        for fd in fds { close(fd) }
        let after = try #require(HostCollector.countOpenFDs())
        // Other tests' threads open and close files meanwhile: allow a few either way.
        #expect(abs(during - reference) <= 4, "stat \(during), listing \(reference)")
        #expect((45...55).contains(during - before), "50 opened: \(before) → \(during)")
        #expect((45...55).contains(during - after), "50 closed: \(during) → \(after)")
    }
}
