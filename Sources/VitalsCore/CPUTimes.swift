/// Cumulative CPU time per mode, in clock ticks (USER_HZ), from one line of /proc/stat.
public struct CPUTimes: Sendable, Equatable {
    public var user: UInt64 = 0
    public var nice: UInt64 = 0
    public var system: UInt64 = 0
    public var idle: UInt64 = 0
    public var iowait: UInt64 = 0
    public var irq: UInt64 = 0
    public var softirq: UInt64 = 0
    public var steal: UInt64 = 0
    public var guest: UInt64 = 0
    public var guestNice: UInt64 = 0

    public init() {}

    /// Modes in node_exporter's order and names. Guest time is already inside user/nice.
    public static let modeNames = ["user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"]

    /// Values matching `modeNames`.
    public var modes: [UInt64] { [user, nice, system, idle, iowait, irq, softirq, steal] }

    /// All accounted ticks (guest excluded: the kernel counts it inside user and nice).
    public var total: UInt64 { user &+ nice &+ system &+ idle &+ iowait &+ irq &+ softirq &+ steal }

    /// Ticks spent not idle (idle and iowait are both waiting).
    public var busy: UInt64 { user &+ nice &+ system &+ irq &+ softirq &+ steal }
}

/// Utilisation between two readings, each field a fraction of the interval (0…1).
public struct CPUUsage: Sendable, Equatable {
    public var busy: Double
    public var user: Double
    public var system: Double
    public var iowait: Double
    public var steal: Double
    /// Every mode's share, indexed like `CPUTimes.modeNames`.
    public var modes: [Double]

    public init(busy: Double, user: Double, system: Double, iowait: Double, steal: Double, modes: [Double] = []) {
        self.busy = busy
        self.user = user
        self.system = system
        self.iowait = iowait
        self.steal = steal
        self.modes = modes
    }

    /// The split between two readings; nil when any counter went backwards or no time passed.
    public static func between(_ a: CPUTimes, _ b: CPUTimes) -> CPUUsage? {
        guard let total = CounterMath.delta(from: a.total, to: b.total), total > 0,
              let busy = CounterMath.delta(from: a.busy, to: b.busy),
              let user = CounterMath.delta(from: a.user &+ a.nice, to: b.user &+ b.nice),
              let system = CounterMath.delta(from: a.system &+ a.irq &+ a.softirq, to: b.system &+ b.irq &+ b.softirq),
              let iowait = CounterMath.delta(from: a.iowait, to: b.iowait),
              let steal = CounterMath.delta(from: a.steal, to: b.steal)
        else { return nil }
        let t = Double(total)
        let modes = zip(a.modes, b.modes).map { old, new in Double(CounterMath.delta(from: old, to: new) ?? 0) / t }
        return CPUUsage(
            busy: min(1, Double(busy) / t), user: Double(user) / t, system: Double(system) / t,
            iowait: Double(iowait) / t, steal: Double(steal) / t, modes: modes
        )
    }
}
