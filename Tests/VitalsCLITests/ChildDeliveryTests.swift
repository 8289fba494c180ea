import Glibc
import TestSupport
import Testing
@testable import VitalsCLI

/// The `vitals-agent deliver` child the dashboard starts (the real one, built beside the tests).
@Suite struct ChildDeliveryTests {
    /// It gets its standard input, output and error, and no other descriptor of the dashboard's:
    /// a copy of a connection `--serve` accepted (SwiftNIO's are not close-on-exec) would keep that
    /// connection open for its client after the server closed it.
    @Test func theChildHoldsNoneOfTheParentsDescriptors() throws {
        let dir = Fixtures.temporaryDirectory("vitals-child")
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        // A socket without close-on-exec, as NIO accepts them.
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socketFD) }
        var s = stat()
        #expect(fstat(socketFD, &s) == 0)
        let delivery = ChildDelivery(notifiers: [], directory: dir, configPath: nil)
        delivery.start()
        defer { delivery.stop() }
        let pid = try #require(delivery.childPID, "vitals-agent beside the tests: \(Handover.agentExecutable() ?? "none")")
        let targets = Self.descriptors(of: pid)
        #expect(["0", "1", "2"].allSatisfy { targets[$0] != nil }, "the child runs with its three: \(targets)")
        #expect(!targets.values.contains("socket:[\(s.st_ino)]"), "the parent's socket in the child: \(targets)")
        // The test process blocks signals in its threads; the child must not inherit that, or the
        // SIGTERM that stops it would wait for ever.
        let blocked = Fixtures.text("/proc/\(pid)/status")?.split(separator: "\n").first { $0.hasPrefix("SigBlk:") }
            .flatMap { UInt64($0.dropFirst("SigBlk:".count).drop { $0 == "\t" || $0 == " " }, radix: 16) }
        let term = UInt64(1) << (UInt64(SIGTERM) - 1)
        #expect(blocked.map { $0 & term == 0 } == true, "SigBlk \(String(blocked ?? 0, radix: 16))")
    }

    /// Descriptor number to what it points at.
    static func descriptors(of pid: pid_t) -> [String: String] {
        let dir = "/proc/\(pid)/fd"
        guard let stream = opendir(dir) else { return [:] }
        defer { closedir(stream) }
        var out: [String: String] = [:]
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name.first?.isNumber == true else { continue }
            var buffer = [CChar](repeating: 0, count: 512)
            let n = readlink(dir + "/" + name, &buffer, buffer.count - 1)
            out[name] = n > 0 ? String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) : "?"
        }
        return out
    }
}
