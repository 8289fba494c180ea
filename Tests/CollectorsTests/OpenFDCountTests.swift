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
        // Other tests' threads open and close files meanwhile (sockets, tmux pipes): a measure
        // whose neighbours moved more than a few descriptors is taken again, up to five times;
        // a wrong count fails every time.
        var last = ""
        for _ in 0..<5 {
            let before = try #require(HostCollector.countOpenFDs())
            let fds = (0..<50).map { _ in open("/dev/null", O_RDONLY) }
            let during = try #require(HostCollector.countOpenFDs())
            let reference = listed()
            for fd in fds { close(fd) }
            let after = try #require(HostCollector.countOpenFDs())
            if abs(during - reference) <= 4, (45...55).contains(during - before), (45...55).contains(during - after) { return }
            last = "stat \(during), listing \(reference); 50 opened: \(before) → \(during); closed: → \(after)"
        }
        Issue.record("five measures off: \(last)")
    }
}
