import VitalsCore

/// The one place where counters become rates: CPU utilisation, disk and network bytes per second,
/// per-process CPU %, vitals' own CPU %.
///
/// Each rate compares with the previous tick's counter for the same identity (core id, device name,
/// pid + start time); a missing predecessor or a counter that went backwards yields nil, never a spike.
public struct RateDeriver {
    private var cpu: CPUStat?
    private var disks: [String: DiskIO] = [:]
    private var network: [String: NetworkInterface] = [:]
    private var processTicks: [ProcessIdentity: UInt64] = [:]
    private var selfCPUSeconds: Double?

    struct ProcessIdentity: Hashable {
        var pid: Int32
        var startTicks: UInt64
    }

    public init() {}

    /// Fills the derived fields of `snapshot` and remembers its counters for the next tick.
    public mutating func derive(_ snapshot: inout Snapshot) {
        let seconds = snapshot.interval ?? 0
        deriveCPU(&snapshot)
        if var list = snapshot.disks {
            for i in list.indices {
                if let old = disks[list[i].name] {
                    list[i].readBytesPerSecond = CounterMath.rate(from: old.readBytes, to: list[i].readBytes, over: seconds)
                    list[i].writeBytesPerSecond = CounterMath.rate(from: old.writtenBytes, to: list[i].writtenBytes, over: seconds)
                }
            }
            snapshot.disks = list
            disks = Dictionary(list.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        }
        if var list = snapshot.network {
            for i in list.indices {
                if let old = network[list[i].name] {
                    list[i].receiveBytesPerSecond = CounterMath.rate(from: old.receiveBytes, to: list[i].receiveBytes, over: seconds)
                    list[i].transmitBytesPerSecond = CounterMath.rate(from: old.transmitBytes, to: list[i].transmitBytes, over: seconds)
                }
            }
            snapshot.network = list
            network = Dictionary(list.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        }
        deriveProcesses(&snapshot, seconds: seconds)
        if let old = selfCPUSeconds, seconds > 0, snapshot.host.selfCPUSeconds >= old {
            snapshot.host.selfCPUPercent = (snapshot.host.selfCPUSeconds - old) / seconds * 100
        }
        selfCPUSeconds = snapshot.host.selfCPUSeconds
    }

    private mutating func deriveCPU(_ snapshot: inout Snapshot) {
        guard var reading = snapshot.cpu else { return }
        if let old = cpu {
            reading.usage = CPUUsage.between(old.total, reading.stat.total)
            reading.coreBusy = reading.stat.cores.map { core in
                // Cores are matched by id: one that went offline or came back has no predecessor.
                guard let before = old.cores.first(where: { $0.id == core.id }) else { return nil }
                return CPUUsage.between(before.times, core.times)?.busy
            }
        } else {
            reading.coreBusy = Array(repeating: nil, count: reading.stat.cores.count)
        }
        cpu = reading.stat
        snapshot.cpu = reading
    }

    private mutating func deriveProcesses(_ snapshot: inout Snapshot, seconds: Double) {
        guard var list = snapshot.processes else { return }
        var next: [ProcessIdentity: UInt64] = [:]
        next.reserveCapacity(list.count)
        let ticksPerSecond = snapshot.ticksPerSecond
        for i in list.indices {
            let id = ProcessIdentity(pid: list[i].pid, startTicks: list[i].startTicks)
            let ticks = list[i].cpuTicks
            if let old = processTicks[id], seconds > 0, let delta = CounterMath.delta(from: old, to: ticks) {
                list[i].cpuPercent = Double(delta) / ticksPerSecond / seconds * 100
            }
            next[id] = ticks
        }
        processTicks = next
        snapshot.processes = list
    }
}
