import VitalsCore

/// The one place where counters become rates: CPU utilisation, context switches, disk and network
/// rates, swap and fault rates, per-process CPU % and I/O, per-cgroup CPU and I/O, vitals' own CPU %.
///
/// Each rate compares with the same identity's counter at its collector's previous run (core id,
/// device name, pid + start time, cgroup path), over the time since that run; a missing
/// predecessor or a counter that went backwards yields nil, never a spike. Sections whose collector
/// did not run this tick keep the rates they carried over.
public struct RateDeriver {
    private var cpu: CPUStat?
    private var disks: [String: DiskIO] = [:]
    private var network: [String: NetworkInterface] = [:]
    private var vmstat: VMStat?
    private var processes: [ProcessIdentity: ProcessCounters] = [:]
    private var cgroups: [String: CgroupUsage] = [:]
    private var selfCPUSeconds: Double?

    struct ProcessIdentity: Hashable {
        var pid: Int32
        var startTicks: UInt64
    }

    /// Updated in place every tick (a process's entry is overwritten, a gone one removed), so the
    /// table is never built twice: with 1,000 processes a fresh one each tick cost 0.5 MB at its peak.
    struct ProcessCounters {
        var ticks: UInt64
        /// `UInt64.max` when unreadable (another user's process): no optional, 8 bytes less each.
        var ioRead: UInt64
        var ioWrite: UInt64
        /// `processClock` at the read these counters came from.
        var readAt: Double
        /// The tick (`processTick`) that last saw the process.
        var seenAt: UInt32
    }

    /// Seconds of process collection so far: the time base for per-process rates, so a process
    /// that was not re-read on some ticks gets its rate over the real time between its reads.
    private var processClock: Double = 0
    private var processTick: UInt32 = 0
    /// Processes whose counters are kept (for tests).
    var trackedProcesses: Int { processes.count }

    public init() {}

    /// Fills the derived fields of `snapshot` for the collectors in `ran`, using each collector's
    /// `elapsed` seconds since its previous run, and remembers their counters.
    public mutating func derive(_ snapshot: inout Snapshot, ran: Set<String>, elapsed: [String: Double]) {
        func seconds(_ name: String) -> Double? { ran.contains(name) ? (elapsed[name] ?? 0) : nil }
        if let s = seconds("cpu") { deriveCPU(&snapshot, seconds: s) }
        if let s = seconds("disk") { deriveDisks(&snapshot, seconds: s) }
        if let s = seconds("network") { deriveNetwork(&snapshot, seconds: s) }
        if let s = seconds("vmstat") { deriveVMStat(&snapshot, seconds: s) }
        if let s = seconds("processes") { deriveProcesses(&snapshot, seconds: s) }
        if let s = seconds("cgroups") { deriveCgroups(&snapshot, seconds: s) }
        if let s = seconds("host") {
            if let old = selfCPUSeconds, s > 0, snapshot.host.selfCPUSeconds >= old {
                snapshot.host.selfCPUPercent = (snapshot.host.selfCPUSeconds - old) / s * 100
            }
            selfCPUSeconds = snapshot.host.selfCPUSeconds
        }
    }

    private mutating func deriveCPU(_ snapshot: inout Snapshot, seconds: Double) {
        guard var reading = snapshot.cpu else { return }
        if let old = cpu {
            reading.usage = CPUUsage.between(old.total, reading.stat.total)
            reading.coreBusy = reading.stat.cores.map { core in
                // Cores are matched by id: one that went offline or came back has no predecessor.
                guard let before = old.cores.first(where: { $0.id == core.id }) else { return nil }
                return CPUUsage.between(before.times, core.times)?.busy
            }
            reading.contextSwitchesPerSecond = CounterMath.rate(from: old.contextSwitches, to: reading.stat.contextSwitches, over: seconds)
            reading.interruptsPerSecond = CounterMath.rate(from: old.interrupts, to: reading.stat.interrupts, over: seconds)
        } else {
            reading.coreBusy = Array(repeating: nil, count: reading.stat.cores.count)
        }
        cpu = reading.stat
        snapshot.cpu = reading
    }

    private mutating func deriveDisks(_ snapshot: inout Snapshot, seconds: Double) {
        guard var list = snapshot.disks else { return }
        for i in list.indices {
            guard let old = disks[list[i].name] else { continue }
            let d = list[i]
            list[i].readBytesPerSecond = CounterMath.rate(from: old.readBytes, to: d.readBytes, over: seconds)
            list[i].writeBytesPerSecond = CounterMath.rate(from: old.writtenBytes, to: d.writtenBytes, over: seconds)
            list[i].readsPerSecond = CounterMath.rate(from: old.readsCompleted, to: d.readsCompleted, over: seconds)
            list[i].writesPerSecond = CounterMath.rate(from: old.writesCompleted, to: d.writesCompleted, over: seconds)
            if let busy = CounterMath.rate(from: old.ioMilliseconds, to: d.ioMilliseconds, over: seconds) {
                list[i].busyFraction = min(1, busy / 1000)
            }
            if let ops = CounterMath.delta(from: old.readsCompleted &+ old.writesCompleted, to: d.readsCompleted &+ d.writesCompleted),
               let ms = CounterMath.delta(from: old.readMilliseconds &+ old.writeMilliseconds, to: d.readMilliseconds &+ d.writeMilliseconds) {
                list[i].averageWaitMilliseconds = ops > 0 ? Double(ms) / Double(ops) : 0
            }
        }
        snapshot.disks = list
        disks = Dictionary(list.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    private mutating func deriveNetwork(_ snapshot: inout Snapshot, seconds: Double) {
        guard var list = snapshot.network else { return }
        for i in list.indices {
            guard let old = network[list[i].name] else { continue }
            let n = list[i]
            func rate(_ a: UInt64, _ b: UInt64) -> Double? { CounterMath.rate(from: a, to: b, over: seconds) }
            list[i].receiveBytesPerSecond = rate(old.receiveBytes, n.receiveBytes)
            list[i].transmitBytesPerSecond = rate(old.transmitBytes, n.transmitBytes)
            list[i].receivePacketsPerSecond = rate(old.receivePackets, n.receivePackets)
            list[i].transmitPacketsPerSecond = rate(old.transmitPackets, n.transmitPackets)
            list[i].receiveErrorsPerSecond = rate(old.receiveErrors, n.receiveErrors)
            list[i].transmitErrorsPerSecond = rate(old.transmitErrors, n.transmitErrors)
            list[i].receiveDropsPerSecond = rate(old.receiveDrops, n.receiveDrops)
            list[i].transmitDropsPerSecond = rate(old.transmitDrops, n.transmitDrops)
        }
        snapshot.network = list
        network = Dictionary(list.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    private mutating func deriveVMStat(_ snapshot: inout Snapshot, seconds: Double) {
        guard var v = snapshot.vmstat else { return }
        if let old = vmstat {
            func rate(_ name: String) -> Double? {
                guard let a = old[name], let b = v[name] else { return nil }
                return CounterMath.rate(from: a, to: b, over: seconds)
            }
            v.swapInPagesPerSecond = rate("pswpin")
            v.swapOutPagesPerSecond = rate("pswpout")
            v.majorFaultsPerSecond = rate("pgmajfault")
        }
        vmstat = v
        snapshot.vmstat = v
    }

    private mutating func deriveProcesses(_ snapshot: inout Snapshot, seconds: Double) {
        guard var list = snapshot.processes else { return }
        // The snapshot lets go of the list, so the rates below are written in place, not into a copy.
        snapshot.processes = nil
        let ticksPerSecond = snapshot.ticksPerSecond
        processClock += seconds
        processTick &+= 1
        let tick = processTick
        func known(_ value: UInt64) -> UInt64? { value == .max ? nil : value }
        var seen = 0
        for i in list.indices {
            let p = list[i]
            let id = ProcessIdentity(pid: p.pid, startTicks: p.startTicks)
            if p.isCarriedOver {
                // Not re-read because it was idle: it still is, as far as anyone knows; the
                // counters of its last real read stay the base for its next rate.
                if processes[id] != nil {
                    list[i].cpuPercent = 0
                    processes[id]!.seenAt = tick
                    seen += 1
                }
                continue
            }
            if let old = processes[id], processClock - old.readAt > 0 {
                let elapsed = processClock - old.readAt
                if let delta = CounterMath.delta(from: old.ticks, to: p.cpuTicks) {
                    list[i].cpuPercent = Double(delta) / ticksPerSecond / elapsed * 100
                }
                if let a = known(old.ioRead), let b = p.ioReadBytes { list[i].ioReadBytesPerSecond = CounterMath.rate(from: a, to: b, over: elapsed) }
                if let a = known(old.ioWrite), let b = p.ioWriteBytes { list[i].ioWriteBytesPerSecond = CounterMath.rate(from: a, to: b, over: elapsed) }
            }
            processes[id] = ProcessCounters(
                ticks: p.cpuTicks, ioRead: p.ioReadBytes ?? .max, ioWrite: p.ioWriteBytes ?? .max, readAt: processClock, seenAt: tick
            )
            seen += 1
        }
        // Processes that were not in this tick's list are gone.
        if processes.count > seen {
            let gone = processes.compactMap { $0.value.seenAt == tick ? nil : $0.key }
            for id in gone { processes[id] = nil }
        }
        snapshot.processes = list
    }

    private mutating func deriveCgroups(_ snapshot: inout Snapshot, seconds: Double) {
        guard var list = snapshot.cgroups else { return }
        for i in list.indices {
            guard let old = cgroups[list[i].path] else { continue }
            let g = list[i]
            if let a = old.cpuUsageMicroseconds, let b = g.cpuUsageMicroseconds, let r = CounterMath.rate(from: a, to: b, over: seconds) {
                list[i].cpuPercent = r / 10_000
            }
            if let a = old.ioReadBytes, let b = g.ioReadBytes { list[i].ioReadBytesPerSecond = CounterMath.rate(from: a, to: b, over: seconds) }
            if let a = old.ioWriteBytes, let b = g.ioWriteBytes { list[i].ioWriteBytesPerSecond = CounterMath.rate(from: a, to: b, over: seconds) }
        }
        snapshot.cgroups = list
        cgroups = Dictionary(list.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
    }
}
