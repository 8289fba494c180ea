import Glibc
import ProcFS
import VitalsCore

/// Host name and uptime, and vitals' own CPU time, memory, file descriptors and start time.
public struct HostCollector: Collector {
    public let name = "host"
    private let procfs: ProcFS
    /// vitals' own memory is read from the real /proc, whatever root the host's files come from.
    private let selfProcfs = ProcFS()
    private var buffer = ReadBuffer(capacity: 256)
    private let hostname: String
    private let pageSize: UInt64
    private let startTime: Double?

    public init(procfs: ProcFS) {
        self.procfs = procfs
        hostname = Self.readHostname()
        pageSize = UInt64(max(sysconf(Int32(_SC_PAGESIZE)), 4096))
        startTime = Self.readStartTime()
    }

    public mutating func collect(into snapshot: inout Snapshot) throws {
        snapshot.host.hostname = hostname
        var usage = rusage()
        if getrusage(RUSAGE_SELF.rawValue, &usage) == 0 {
            snapshot.host.selfCPUSeconds = Self.seconds(usage.ru_utime) + Self.seconds(usage.ru_stime)
        }
        if let statm = try? selfProcfs.read("self/statm", into: &buffer) {
            var c = ByteCursor(statm)
            // A page count past UInt64's range in bytes is a damaged file, not a figure: none.
            if let pages = c.uint64(), case let (bytes, false) = pages.multipliedReportingOverflow(by: pageSize) { snapshot.host.selfVirtualBytes = bytes }
            if let pages = c.uint64(), case let (bytes, false) = pages.multipliedReportingOverflow(by: pageSize) { snapshot.host.selfResidentBytes = bytes }
        }
        snapshot.host.selfOpenFDs = Self.countOpenFDs()
        var limit = rlimit()
        if getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 { snapshot.host.selfMaxFDs = UInt64(limit.rlim_cur) }
        if getrlimit(Int32(RLIMIT_AS.rawValue), &limit) == 0 { snapshot.host.selfVirtualMaxBytes = UInt64(limit.rlim_cur) }
        snapshot.host.selfStartTime = startTime
        snapshot.host.uptimeSeconds = try Uptime.parse(try procfs.read("uptime", into: &buffer))
    }

    public func carryOver(from previous: Snapshot, into snapshot: inout Snapshot) {
        snapshot.host = previous.host
    }

    private static func seconds(_ tv: timeval) -> Double {
        Double(tv.tv_sec) + Double(tv.tv_usec) / 1_000_000
    }

    /// Open descriptors. Since Linux 6.2 the size `stat` reports for /proc/self/fd is the count:
    /// one call, where listing walks every descriptor (with 1,000 processes' stat files held open, the
    /// listing was a tenth of vitals' CPU, by perf). Older kernels report 0: then the listing, less
    /// the descriptor it holds itself.
    static func countOpenFDs() -> Int? {
        var info = stat()
        if stat("/proc/self/fd", &info) == 0, info.st_size > 0 { return Int(info.st_size) }
        guard let dir = opendir("/proc/self/fd") else { return nil }
        defer { closedir(dir) }
        var count = 0
        while let entry = readdir(dir) {
            if entry.pointee.d_name.0 != 0x2E { count += 1 }
        }
        return max(0, count - 1)
    }

    /// Boot time (/proc/stat `btime`) plus the start tick in /proc/self/stat, through the parsers
    /// the CPU and process collectors use.
    static func readStartTime() -> Double? {
        let real = ProcFS()
        var buffer = ReadBuffer(capacity: 4096, limit: 1 << 20)
        guard let stat = try? real.read("self/stat", into: &buffer), let ticks = try? ProcessSample.parse(stat).startTicks,
              let system = try? real.read("stat", into: &buffer), let boot = try? CPUStat.parse(system).bootTime, boot > 0
        else { return nil }
        return Double(boot) + Double(ticks) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    private static func readHostname() -> String {
        var bytes = [CChar](repeating: 0, count: 256)
        guard gethostname(&bytes, bytes.count - 1) == 0 else { return "localhost" }
        let name = String(decoding: bytes.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "localhost" : name
    }
}
