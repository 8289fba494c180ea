import Glibc
import ProcFS
import VitalsCore

/// Every process: one open/fstat/pread/close of /proc/PID/stat into a reused buffer.
///
/// Extra files are read sparingly: /proc/PID/cgroup once per process (cached by pid + start time,
/// so a reused pid never inherits it), and /proc/PID/cmdline (cached the same way) and
/// /proc/PID/io (every tick, for rates) only for the processes `details` asks for. A pid that
/// vanishes between listing and reading is skipped; so is a stat file that does not parse, because
/// one odd process must never blank the whole table. An unreadable io file (another user's process)
/// is normal and leaves the I/O fields nil.
public struct ProcessCollector: Collector {
    public let name = "processes"
    private let procfs: ProcFS
    private let details: ProcessDetailPolicy
    private var reader: ProcessStatReader
    private var buffer = ReadBuffer(capacity: 4096, limit: 1 << 20)
    private var pids: [Int32] = []
    private var users: UserTable?
    private var unknownUsers: [UInt32: String] = [:]
    private var cgroups: [Identity: String] = [:]
    private var commandLines: [Identity: String] = [:]
    private let pageSize: UInt64

    struct Identity: Hashable {
        var pid: Int32
        var startTicks: UInt64
    }

    public init(procfs: ProcFS, details: ProcessDetailPolicy = .none) {
        self.procfs = procfs
        self.details = details
        reader = ProcessStatReader(procfs: procfs)
        pageSize = UInt64(max(sysconf(Int32(_SC_PAGESIZE)), 4096))
    }

    public mutating func collect(into snapshot: inout Snapshot) throws {
        try procfs.listPIDs(into: &pids)
        if users == nil { users = loadUsers() }
        let wanted: Set<Int32>? = switch details {
        case .all: nil
        case let .requested(request): request.pids
        case .none: []
        }
        var list: [ProcessSample] = []
        list.reserveCapacity(pids.count)
        var liveCgroups: [Identity: String] = [:]
        liveCgroups.reserveCapacity(pids.count)
        var liveCommandLines: [Identity: String] = [:]
        for pid in pids {
            guard var process = readStat(pid) else { continue }
            let id = Identity(pid: pid, startTicks: process.startTicks)
            process.user = userName(process.uid)
            let cgroup = cgroups[id] ?? readCgroup(pid)
            liveCgroups[id] = cgroup
            process.cgroup = cgroup.isEmpty ? nil : cgroup
            if wanted?.contains(pid) ?? true {
                let commandLine = commandLines[id] ?? readCommandLine(pid)
                liveCommandLines[id] = commandLine
                process.commandLine = commandLine.isEmpty ? nil : commandLine
                if let io = readIO(pid) {
                    process.ioReadBytes = io.read
                    process.ioWriteBytes = io.write
                }
            }
            list.append(process)
        }
        cgroups = liveCgroups
        commandLines = liveCommandLines
        snapshot.processes = list
    }

    public func carryOver(from previous: Snapshot, into snapshot: inout Snapshot) {
        snapshot.processes = previous.processes
    }

    private mutating func readStat(_ pid: Int32) -> ProcessSample? {
        guard let (bytes, uid) = try? reader.read(pid: pid) else { return nil }
        return try? ProcessSample.parse(bytes, uid: uid, pageSize: pageSize)
    }

    /// "" when the process has no v2 cgroup or is gone (cached as such: it will not change).
    private mutating func readCgroup(_ pid: Int32) -> String {
        guard let bytes = try? procfs.read(String(pid) + "/cgroup", into: &buffer) else { return "" }
        return ProcessFiles.cgroupV2Path(bytes) ?? ""
    }

    private mutating func readCommandLine(_ pid: Int32) -> String {
        guard let bytes = try? procfs.read(String(pid) + "/cmdline", into: &buffer) else { return "" }
        return ProcessFiles.commandLine(bytes) ?? ""
    }

    private mutating func readIO(_ pid: Int32) -> (read: UInt64, write: UInt64)? {
        guard let bytes = try? procfs.read(String(pid) + "/io", into: &buffer) else { return nil }
        return try? ProcessFiles.io(bytes)
    }

    private mutating func userName(_ uid: UInt32) -> String {
        if let name = users?.names[uid] { return name }
        if let name = unknownUsers[uid] { return name }
        let name = String(uid)
        unknownUsers[uid] = name
        return name
    }

    /// The passwd file of the procfs root's system, read once; a missing file leaves numeric uids.
    private func loadUsers() -> UserTable {
        var buffer = ReadBuffer(capacity: 8192)
        guard let bytes = try? ProcFS.read(absolute: procfs.passwdPath, into: &buffer) else { return UserTable() }
        return UserTable.parse(bytes)
    }
}
