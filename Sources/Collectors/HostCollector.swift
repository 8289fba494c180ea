import Glibc
import ProcFS
import VitalsCore

/// Host name and uptime, and vitals' own CPU time and resident memory.
public struct HostCollector: Collector {
    public let name = "host"
    private let procfs: ProcFS
    /// vitals' own memory is read from the real /proc, whatever root the host's files come from.
    private let selfProcfs = ProcFS()
    private var buffer = ReadBuffer(capacity: 256)
    private let hostname: String
    private let pageSize: UInt64

    public init(procfs: ProcFS) {
        self.procfs = procfs
        hostname = Self.readHostname()
        pageSize = UInt64(max(sysconf(Int32(_SC_PAGESIZE)), 4096))
    }

    public mutating func collect(into snapshot: inout Snapshot) throws {
        snapshot.host.hostname = hostname
        var usage = rusage()
        if getrusage(RUSAGE_SELF.rawValue, &usage) == 0 {
            snapshot.host.selfCPUSeconds = Self.seconds(usage.ru_utime) + Self.seconds(usage.ru_stime)
        }
        if let statm = try? selfProcfs.read("self/statm", into: &buffer) {
            var c = ByteCursor(statm)
            _ = c.uint64()
            if let pages = c.uint64() { snapshot.host.selfResidentBytes = pages * pageSize }
        }
        snapshot.host.uptimeSeconds = try Uptime.parse(try procfs.read("uptime", into: &buffer))
    }

    public func carryOver(from previous: Snapshot, into snapshot: inout Snapshot) {
        snapshot.host = previous.host
    }

    private static func seconds(_ tv: timeval) -> Double {
        Double(tv.tv_sec) + Double(tv.tv_usec) / 1_000_000
    }

    private static func readHostname() -> String {
        var bytes = [CChar](repeating: 0, count: 256)
        guard gethostname(&bytes, bytes.count - 1) == 0 else { return "localhost" }
        let name = String(decoding: bytes.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "localhost" : name
    }
}
