import Glibc
import ProcFS
import VitalsCore

/// Every process: one pread of its /proc/PID/stat per tick (`ProcessStatReader` keeps the files
/// open) into a reused buffer, parsed without building intermediate Strings or arrays.
///
/// Reading /proc/PID/stat costs the kernel ~7 µs per process, most of a tick on a busy host, and
/// most processes sleep. So a process that is sleeping and used no CPU on its last
/// `idleReadsBeforeSkipping` reads is read only every `idleReadEvery` ticks; on the ticks between,
/// its previous sample is reused and marked `isCarriedOver` (CPU 0 %). A process that wakes up is
/// therefore seen at most `idleReadEvery − 1` ticks late, and its rate is computed over the real
/// time between reads. Rows on screen (`details`) are always read fresh. `idleReadEvery: 1`
/// reads every process every tick.
///
/// Listing /proc (`getdents`) costs the kernel a dentry lookup per pid, a fifth of vitals' CPU with
/// 1,000 processes (perf). A new process appears only by a fork or clone, which /proc/stat counts
/// (`processes`, read by the CPU collector earlier in the same tick). So /proc is listed again only
/// when that count moved, and then at most every `listEvery` ticks (a new process shows at most
/// `listEvery − 1` ticks late, as a waking idle one does); also every `relistEvery` ticks, and every
/// tick without a CPU reading. Otherwise the last listing is reused, less the pids found gone; an
/// idle process that exits then stays as a carried-over row until its next read.
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
    private let reader: ProcessStatReader
    private var buffer = ReadBuffer(capacity: 4096, limit: 1 << 20)
    private var pids: [Int32] = []
    /// The fork count at the last listing, and ticks since it.
    private var listedAtForks: UInt64?
    private var ticksSinceListing = ProcessCollector.relistEvery
    public static let relistEvery = 10
    private let listEvery: Int
    private var users: UserTable?
    private var unknownUsers: [UInt32: String] = [:]
    /// Caches by pid + start time; entries of exited processes are pruned every `pruneEvery` ticks.
    private var cgroups: [Identity: String] = [:]
    private var commandLines: [Identity: String] = [:]
    private var ticksUntilPrune = 0
    private static let pruneEvery = 60
    private let pageSize: UInt64
    private let idleReadEvery: Int
    static let idleReadsBeforeSkipping = 5
    /// Per pid: where its last sample is in `lastSamples`, how many reads in a row saw no CPU, ticks
    /// since the last read.
    private var idle: [Int32: IdleState] = [:]
    /// The last sample read of each process in `idle`, at its `slot`; a gone process's slot is
    /// reused. Samples live here rather than in the dictionary's values, whose empty buckets would
    /// each be a sample's size too: 0.5 MB for 1,000 processes instead of 0.24.
    private var lastSamples: [ProcessSample] = []
    private var freeSlots: [Int32] = []
    /// Places in `lastSamples` taken, and held in all (for tests).
    var idleSlots: (used: Int, held: Int) { (lastSamples.count - freeSlots.count, lastSamples.count) }

    struct IdleState {
        var slot: Int32
        var idleReads: UInt8
        var ticksSinceRead: UInt8
    }

    struct Identity: Hashable {
        var pid: Int32
        var startTicks: UInt64
    }

    public init(procfs: ProcFS, details: ProcessDetailPolicy = .none, idleReadEvery: Int = 2, listEvery: Int = 2) {
        self.procfs = procfs
        self.listEvery = max(1, listEvery)
        self.details = details
        self.idleReadEvery = min(max(1, idleReadEvery), Int(UInt8.max))
        reader = ProcessStatReader(procfs: procfs)
        pageSize = UInt64(max(sysconf(Int32(_SC_PAGESIZE)), 4096))
    }

    public mutating func collect(into snapshot: inout Snapshot) throws {
        let forks = snapshot.cpu?.stat.forks
        let due = ticksSinceListing + 1
        let relisted = forks == nil || (forks != listedAtForks && due >= listEvery) || due >= Self.relistEvery
        if relisted {
            try procfs.listPIDs(into: &pids)
            listedAtForks = forks
            ticksSinceListing = 0
        } else {
            ticksSinceListing += 1
        }
        var gone = 0
        if users == nil { users = loadUsers() }
        let wanted: Set<Int32>? = switch details {
        case .all: nil
        case let .requested(request): request.pids
        case .none: []
        }
        let everyCommandLine: Bool = if case let .requested(request) = details { request.commandLinesForAll } else { false }
        var list: [ProcessSample] = []
        list.reserveCapacity(pids.count)
        reader.beginTick()
        defer { reader.endTick() }
        for pid in pids {
            let isWanted = wanted?.contains(pid) ?? true
            if !isWanted, var state = idle[pid], Int(state.idleReads) >= Self.idleReadsBeforeSkipping, Int(state.ticksSinceRead) + 1 < idleReadEvery {
                state.ticksSinceRead += 1
                idle[pid] = state
                reader.keep(pid: pid)
                var carried = lastSamples[Int(state.slot)]
                carried.isCarriedOver = true
                list.append(carried)
                continue
            }
            guard var process = readStat(pid) else {
                forgetIdleness(pid)
                gone += 1
                continue
            }
            let id = Identity(pid: pid, startTicks: process.startTicks)
            process.user = userName(process.uid)
            let cgroup: String
            if let known = cgroups[id] {
                cgroup = known
            } else {
                cgroup = readCgroup(pid)
                cgroups[id] = cgroup
            }
            process.cgroup = cgroup.isEmpty ? nil : cgroup
            let isShown = wanted?.contains(pid) ?? true
            if isShown || everyCommandLine {
                let commandLine: String
                if let known = commandLines[id] {
                    commandLine = known
                } else {
                    commandLine = readCommandLine(pid)
                    commandLines[id] = commandLine
                }
                process.commandLine = commandLine.isEmpty ? nil : commandLine
            }
            if isShown {
                if let io = readIO(pid) {
                    process.ioReadBytes = io.read
                    process.ioWriteBytes = io.write
                }
            }
            trackIdleness(process)
            list.append(process)
        }
        if !relisted, gone > 0 {
            let alive = Set(list.map(\.pid))
            pids.removeAll { !alive.contains($0) }
        }
        ticksUntilPrune -= 1
        if ticksUntilPrune <= 0 {
            ticksUntilPrune = Self.pruneEvery
            let live = Set(list.map { Identity(pid: $0.pid, startTicks: $0.startTicks) })
            cgroups = cgroups.filter { live.contains($0.key) }
            commandLines = commandLines.filter { live.contains($0.key) }
            let dead = idle.compactMap { live.contains(Identity(pid: $0.key, startTicks: lastSamples[Int($0.value.slot)].startTicks)) ? nil : $0.key }
            for pid in dead { forgetIdleness(pid) }
        }
        snapshot.processes = list
    }

    public func carryOver(from previous: Snapshot, into snapshot: inout Snapshot) {
        snapshot.processes = previous.processes
    }

    /// Counts reads in a row that found a sleeping process with no new CPU time.
    private mutating func trackIdleness(_ process: ProcessSample) {
        let sleeping = process.state == UInt8(ascii: "S") || process.state == UInt8(ascii: "I")
        guard let old = idle[process.pid] else {
            let slot: Int32
            if let free = freeSlots.popLast() {
                slot = free
                lastSamples[Int(slot)] = process
            } else {
                slot = Int32(lastSamples.count)
                lastSamples.append(process)
            }
            idle[process.pid] = IdleState(slot: slot, idleReads: 0, ticksSinceRead: 0)
            return
        }
        let previous = lastSamples[Int(old.slot)]
        var streak: UInt8 = 0
        if previous.startTicks == process.startTicks, previous.cpuTicks == process.cpuTicks, sleeping {
            streak = old.idleReads == .max ? .max : old.idleReads + 1
        }
        lastSamples[Int(old.slot)] = process
        idle[process.pid] = IdleState(slot: old.slot, idleReads: streak, ticksSinceRead: 0)
    }

    private mutating func forgetIdleness(_ pid: Int32) {
        guard let state = idle.removeValue(forKey: pid) else { return }
        freeSlots.append(state.slot)
    }

    private func readStat(_ pid: Int32) -> ProcessSample? {
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
