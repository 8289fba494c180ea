import ContainerRuntime
import Rendering
import SeriesStore
import VitalsCore

/// Builds the view's model from the latest snapshot and the store's history: the only place that
/// decides which numbers the panes show (top processes, which disks and interfaces, "used").
public struct DashboardModelBuilder {
    /// Points of history to fetch per graph (the widest graph any layout draws).
    public var historyPoints: Int
    /// Most process rows ever shown.
    public var processRows = 200
    public var showLoopback = false
    /// The app's state the model shows (its order, window, filter, selection, tree and views):
    /// read as it is, not copied field by field.
    public var state = AppState(width: 0, height: 0)
    public var sort: ProcessSort {
        get { state.sort }
        set { state.sort = newValue }
    }
    /// What the graphs span.
    public var window: HistoryWindow {
        get { state.window }
        set { state.window = newValue }
    }
    public var selection: ProcessSelection? {
        get { state.selection }
        set { state.selection = newValue }
    }
    /// `m`: fetch the CPU's mode split over time as well.
    public var cpuModes: Bool {
        get { state.cpuModes }
        set { state.cpuModes = newValue }
    }
    var filter: String { state.filter }
    var follow: Bool { state.follow }
    var tree: Bool { state.tree }
    var containers: Bool { state.containers }
    /// Time travel: the past moment to show (graphs end there, figures are the store's at that
    /// moment) and that moment's heaviest processes; nil cursor is live.
    public var cursor: Double?
    public var pastProcesses: TopProcessMoment?

    public init(historyPoints: Int) {
        self.historyPoints = historyPoints
    }

    public func build(snapshot: Snapshot?, store: SeriesStore, interval: Double, hostFallback: String) -> DashboardModel {
        guard let s = snapshot else { return .waiting(host: hostFallback) }
        func errorOf(_ name: String) -> String? {
            guard let h = s.health(of: name), h.lastRunFailed else { return nil }
            return h.lastError ?? "failed"
        }
        let status = DashboardModel.Status(
            host: s.host.hostname.isEmpty ? hostFallback : s.host.hostname, uptime: Format.uptime(s.host.uptimeSeconds),
            clock: ClockText.format(s.time), interval: ClockText.interval(interval),
            selfCPU: s.host.selfCPUPercent, selfRSS: s.host.selfResidentBytes,
            problems: s.health.filter { $0.lastRunFailed && !EngineError.isAbsentRuntime($0) }.map { $0.name + ": " + ($0.lastError ?? "failed") }
        )
        var model = DashboardModel(
            status: status, cpu: cpu(s, store: store, interval: interval, error: errorOf("cpu")), memory: memory(s, store: store, interval: interval, error: errorOf("memory")),
            disk: disk(s, store: store, interval: interval, error: errorOf("disk") ?? errorOf("filesystem")),
            network: network(s, store: store, interval: interval, error: errorOf("network")),
            processes: processes(s, error: errorOf("processes"))
        )
        model.window = window
        if let cursor {
            model.cpu.axis = TimeAxis(endLabel: ClockText.moment(cursor, now: s.time), secondsPerCell: interval, span: window.seconds)
            PastModel(store: store, time: cursor, interval: interval, now: s.time).apply(to: &model, moment: pastProcesses, sort: sort, reversed: state.sortReversed)
        }
        return model
    }

    /// The graph for `key`. Live: `historyPoints` points of one interval each, the newest centred
    /// on this snapshot's tick. Zoomed: the window in at most `historyPoints` points (never finer
    /// than the interval, so a short window has no empty cells between ticks), with each point's
    /// max for the whiskers. Stretches the store no longer holds raw come from its coarse tiers.
    private func history(_ key: SeriesKey, _ s: Snapshot, _ store: SeriesStore, _ interval: Double) -> GraphHistory {
        let to = (cursor ?? s.time) + interval / 2
        guard let span = window.seconds else {
            let points = store.window(key, from: to - interval * Double(historyPoints), to: to, points: historyPoints)
            return GraphHistory(mean: points.map { $0?.mean })
        }
        let count = max(2, min(historyPoints, Int(span / max(interval, 0.001))))
        let points = store.window(key, from: to - span, to: to, points: count)
        return GraphHistory(mean: points.map { $0?.mean }, max: points.map { $0?.max }, perTick: false)
    }

    /// The mode split over time, grouped as vmstat does (user + nice, system + irq + softirq).
    private func modes(_ s: Snapshot, _ store: SeriesStore, _ interval: Double) -> DashboardModel.CPU.Modes {
        func summed(_ modes: [String]) -> GraphHistory {
            let parts = modes.map { history(SeriesKey("vitals_cpu_mode_ratio", ["mode": $0]), s, store, interval) }
            guard var total = parts.first else { return .empty }
            for part in parts.dropFirst() {
                total.mean = zip(total.mean, part.mean).map { a, b in a.map { $0 + (b ?? 0) } ?? b }
                total.max = zip(total.max, part.max).map { a, b in a.map { $0 + (b ?? 0) } ?? b }
            }
            return total
        }
        return DashboardModel.CPU.Modes(
            user: summed(["user", "nice"]), system: summed(["system", "irq", "softirq"]), iowait: summed(["iowait"]), steal: summed(["steal"])
        )
    }

    private func cpu(_ s: Snapshot, store: SeriesStore, interval: Double, error: String?) -> DashboardModel.CPU {
        let usage = s.cpu?.usage
        // The last 10 ticks of each core for its mini sparkline (one small window query a core).
        let cores: [DashboardModel.CPU.Core] = s.cpu.map { reading in
            zip(reading.stat.cores, reading.coreBusy).map { core, busy -> DashboardModel.CPU.Core in
                var c = DashboardModel.CPU.Core(id: core.id, busy: busy)
                let to = s.time + interval / 2
                c.recent = store.window(
                    SeriesKey("vitals_cpu_core_utilization_ratio", ["cpu": String(core.id)]), from: to - interval * 10, to: to, points: 10
                ).map { $0?.mean }
                return c
            }
        } ?? []
        var model = DashboardModel.CPU(
            busy: usage?.busy, user: usage?.user, system: usage?.system, iowait: usage?.iowait, steal: usage?.steal,
            history: history(SeriesKey("vitals_cpu_utilization_ratio"), s, store, interval), cores: cores,
            load: s.load.map { DashboardModel.CPU.Load(one: $0.one, five: $0.five, fifteen: $0.fifteen) }, error: error
        )
        if let frequencies = s.sensors?.frequencies, !frequencies.isEmpty {
            model.frequencyHertz = frequencies.reduce(0) { $0 + $1.hertz } / Double(frequencies.count)
        }
        if cpuModes { model.modes = modes(s, store, interval) }
        model.hottestCelsius = s.sensors?.hottest?.celsius
        model.pressurePercent = s.pressure?.first { $0.resource == "cpu" }?.some?.avg10
        model.limitCores = s.selfLimits?.cpuCores
        return model
    }

    private func memory(_ s: Snapshot, store: SeriesStore, interval: Double, error: String?) -> DashboardModel.Memory? {
        guard let m = s.memory else {
            return error.map { DashboardModel.Memory(total: 0, used: 0, available: 0, cached: 0, free: 0, swapTotal: 0, swapUsed: 0, history: [], error: $0) }
        }
        // The ZFS ARC is reclaimable like the page cache, so it is shown as cache.
        var model = DashboardModel.Memory(
            total: m.total, used: m.used, available: m.available, cached: m.cached + m.buffers + (m.zfsARCBytes ?? 0), free: m.free,
            swapTotal: m.swapTotal, swapUsed: m.swapUsed,
            history: history(SeriesKey("vitals_memory_used_ratio"), s, store, interval), error: error
        )
        model.swapInPagesPerSecond = s.vmstat?.swapInPagesPerSecond
        model.swapOutPagesPerSecond = s.vmstat?.swapOutPagesPerSecond
        model.majorFaultsPerSecond = s.vmstat?.majorFaultsPerSecond
        model.pressurePercent = s.pressure?.first { $0.resource == "memory" }?.some?.avg10
        model.limitBytes = s.selfLimits?.memoryMaxBytes
        return model
    }

    private func disk(_ s: Snapshot, store: SeriesStore, interval: Double, error: String?) -> DashboardModel.Disk {
        var model = DashboardModel.Disk(
            filesystems: (s.filesystems ?? []).map {
                DashboardModel.Filesystem(mountPoint: $0.mount.mountPoint, used: $0.usedBytes, size: $0.sizeBytes, fraction: $0.usedFraction)
            },
            devices: (s.disks ?? []).filter { $0.isWholeDisk && $0.readsCompleted + $0.writesCompleted > 0 }.map { d in
                var device = DashboardModel.Device(name: d.displayName, readPerSecond: d.readBytesPerSecond, writePerSecond: d.writeBytesPerSecond)
                if let r = d.readsPerSecond, let w = d.writesPerSecond { device.operationsPerSecond = r + w }
                device.busyFraction = d.busyFraction
                device.averageWaitMilliseconds = d.averageWaitMilliseconds
                device.readHistory = history(SeriesKey("vitals_disk_read_bytes_per_second", ["device": d.name]), s, store, interval)
                device.writeHistory = history(SeriesKey("vitals_disk_written_bytes_per_second", ["device": d.name]), s, store, interval)
                return device
            },
            error: error
        )
        model.unavailable = (s.unavailableMounts ?? []).map { ($0.mount.mountPoint, $0.reason) }
        return model
    }

    private func network(_ s: Snapshot, store: SeriesStore, interval: Double, error: String?) -> DashboardModel.Network {
        // Loopback and interfaces that never carried a byte (unused ifb/dummy devices) are hidden.
        let shown = (s.network ?? []).filter { (showLoopback || !$0.isLoopback) && $0.receiveBytes + $0.transmitBytes > 0 }
        var model = DashboardModel.Network(interfaces: shown.map { nic in
            var row = DashboardModel.Interface(
                name: nic.name, receivePerSecond: nic.receiveBytesPerSecond, transmitPerSecond: nic.transmitBytesPerSecond,
                receiveHistory: history(SeriesKey("vitals_network_receive_bytes_per_second", ["device": nic.name]), s, store, interval),
                transmitHistory: history(SeriesKey("vitals_network_transmit_bytes_per_second", ["device": nic.name]), s, store, interval)
            )
            if let a = nic.receiveErrorsPerSecond, let b = nic.transmitErrorsPerSecond { row.errorsPerSecond = a + b }
            if let a = nic.receiveDropsPerSecond, let b = nic.transmitDropsPerSecond { row.dropsPerSecond = a + b }
            row.isDown = nic.operState == "down"
            return row
        }, error: error)
        if let sockets = s.sockets {
            model.tcpStates = [("est", "established"), ("tw", "time_wait"), ("cw", "close_wait"), ("syn", "syn_recv"), ("listen", "listen")]
                .map { ($0.0, sockets.tcpCount($0.1)) }
        }
        return model
    }

    /// The containers view: the runtime's containers (joined with their cgroups' use), then the
    /// other cgroups with processes. Failed containers lead (exited non-zero, dead, unhealthy: the
    /// news); the rest follow the table's order (CPU for orders that do not apply).
    public static func containerRows(_ cgroups: [CgroupUsage], sort: ProcessSort, runtime: ContainerReading? = nil, now: Double = 0) -> [DashboardModel.ContainerRow] {
        func row(_ c: CgroupUsage, name: String) -> DashboardModel.ContainerRow {
            var row = DashboardModel.ContainerRow(name: name, processes: c.processCount)
            row.cpuPercent = c.cpuPercent
            row.memoryBytes = c.memoryCurrentBytes
            row.memoryLimitBytes = c.memoryMaxBytes
            row.ioReadPerSecond = c.ioReadBytesPerSecond
            row.ioWritePerSecond = c.ioWriteBytesPerSecond
            return row
        }
        var claimed = Set<String>()
        var rows: [DashboardModel.ContainerRow] = []
        // A container's cgroup names its full id (docker-ID.scope, libpod-ID.scope, /docker/ID).
        let byID = CgroupUsage.byContainerID(cgroups)
        for container in runtime?.containers ?? [] {
            let group = byID[container.id]
            if let group { claimed.insert(group.path) }
            var r = group.map { row($0, name: container.name) } ?? DashboardModel.ContainerRow(name: container.name, processes: 0)
            r.state = container.removedAt == nil ? container.state.rawValue : "removed"
            r.failed = container.isFailed
            r.note = note(container, now: now)
            rows.append(r)
        }
        let others = cgroups.filter { $0.processCount > 0 && !claimed.contains($0.path) }.map { row($0, name: $0.name) }
        let ordered = (rows + others).sorted { a, b in
            if a.failed != b.failed { return a.failed }
            switch sort {
            case .memory: return (a.memoryBytes ?? 0, a.name) > (b.memoryBytes ?? 0, b.name)
            case .io: return ((a.ioReadPerSecond ?? 0) + (a.ioWritePerSecond ?? 0), a.name) > ((b.ioReadPerSecond ?? 0) + (b.ioWritePerSecond ?? 0), b.name)
            case .name, .user, .pid: return a.name < b.name
            case .cpu, .time, .virtual, .threads, .nice: return (a.cpuPercent ?? 0, a.name) > (b.cpuPercent ?? 0, b.name)
            }
        }
        return ordered
    }

    /// `exit 137, 4m ago`, `unhealthy`, `3 restarts`, and the image: what an on-call engineer asks
    /// of a container first.
    static func note(_ c: ContainerInfo, now: Double) -> String {
        var parts: [String] = []
        if c.state == .exited || c.state == .dead {
            parts.append("exit \(c.exitCode)" + (c.finishedAt.map { now > $0 ? ", " + Format.age(now - $0) + " ago" : "" } ?? ""))
        }
        if let health = c.health { parts.append(health.rawValue) }
        if let removed = c.removedAt { parts.append("removed" + (now > removed ? " " + Format.age(now - removed) + " ago" : "")) }
        if c.restartCount > 0 { parts.append("\(c.restartCount) restart" + (c.restartCount == 1 ? "" : "s")) }
        parts.append(c.image)
        return parts.joined(separator: " · ")
    }

    private func processes(_ s: Snapshot, error: String?) -> DashboardModel.Processes {
        let list = s.processes ?? []
        let total = Double(s.memory?.total ?? 0)
        let matching = ProcessTable.matching(list, filter: filter, user: state.userFilter, hideKernelThreads: state.hideKernelThreads)
        // The tree keeps every matching process (a branch cut at the cap would mislead); the flat
        // table keeps the first `processRows`.
        let ordered = ProcessTable.ordered(matching, sort: sort, reversed: state.sortReversed, limit: tree ? .max : processRows)
        let entries = tree ? ProcessTable.tree(ordered, collapsed: state.collapsed) : ordered.map { ($0, "") }
        let ticks = s.ticksPerSecond
        let top = entries.map(\.process)
        var model = DashboardModel.Processes(rows: entries.map { p, prefix in
            var row = DashboardModel.ProcessRow(
                pid: p.pid, user: p.user ?? String(p.uid), cpuPercent: p.cpuPercent,
                memoryPercent: total > 0 ? Double(p.residentBytes) / total * 100 : nil, residentBytes: p.residentBytes, name: p.name
            )
            row.ioBytesPerSecond = p.ioBytesPerSecond
            row.treePrefix = prefix
            row.state = p.stateCharacter
            row.nice = p.nice
            row.virtualBytes = p.virtualBytes
            row.threads = p.threads
            row.cpuSeconds = ticks > 0 ? Double(p.cpuTicks) / ticks : nil
            row.commandLine = p.commandLine.flatMap { $0.isEmpty ? nil : $0 }
            return row
        }, total: list.count, error: error)
        model.tree = tree
        model.columns = state.columns
        model.reversed = state.sortReversed
        model.hidingKernelThreads = state.hideKernelThreads
        model.user = state.userFilter
        if containers {
            model.containers = Self.containerRows(s.cgroups ?? [], sort: sort, runtime: s.containers, now: s.time)
            if s.containers == nil, let health = s.health(of: "containers"), let error = health.lastError, health.lastRunFailed {
                model.runtimeProblem = error
            }
        }
        model.sort = sort
        model.filter = filter
        model.matching = filter.isEmpty && state.userFilter == nil && !state.hideKernelThreads ? nil : matching.count
        model.running = list.reduce(0) { $0 + ($1.state == UInt8(ascii: "R") ? 1 : 0) }
        model.zombies = list.reduce(0) { $0 + ($1.state == UInt8(ascii: "Z") ? 1 : 0) }
        if let selection, !top.isEmpty {
            let reconciled = selection.reconciled(with: top.map(\.pid), follow: follow)
            model.selectedIndex = reconciled.index
            model.detail = ProcessTable.detail(top[reconciled.index], snapshot: s)
        }
        return model
    }
}
