import Rendering
import SeriesStore
import VitalsCore

/// Time travel: the panes' figures at a past moment, from the store (its raw ring, else the finest
/// coarse bucket that holds the moment: a mean over the bucket), and the process table from that
/// moment's heaviest processes. The live snapshot still gives the panes their shape (which cores,
/// disks and interfaces); a figure the store has nothing for at that moment shows as missing.
struct PastModel {
    let store: SeriesStore
    let time: Double
    let interval: Double
    /// The newest moment (the live snapshot's), for the label: a moment on another day shows its date.
    var now: Double

    /// The mean of `key` over the tick (or bucket) at `time`; nil for a gap.
    func value(_ key: SeriesKey) -> Double? {
        store.window(key, from: time - interval / 2, to: time + interval / 2, points: 1).first??.mean
    }

    func value(_ name: String) -> Double? { value(SeriesKey(name)) }

    func apply(to model: inout DashboardModel, moment: TopProcessMoment?, sort: ProcessSort, reversed: Bool = false) {
        cpu(&model.cpu)
        if var memory = model.memory {
            self.memory(&memory)
            model.memory = memory
        }
        for i in model.disk.devices.indices {
            let name = model.disk.devices[i].name
            model.disk.devices[i].readPerSecond = value(SeriesKey("vitals_disk_read_bytes_per_second", ["device": name]))
            model.disk.devices[i].writePerSecond = value(SeriesKey("vitals_disk_written_bytes_per_second", ["device": name]))
            model.disk.devices[i].operationsPerSecond = nil
            model.disk.devices[i].busyFraction = nil
            model.disk.devices[i].averageWaitMilliseconds = nil
        }
        for i in model.network.interfaces.indices {
            let name = model.network.interfaces[i].name
            model.network.interfaces[i].receivePerSecond = value(SeriesKey("vitals_network_receive_bytes_per_second", ["device": name]))
            model.network.interfaces[i].transmitPerSecond = value(SeriesKey("vitals_network_transmit_bytes_per_second", ["device": name]))
            model.network.interfaces[i].errorsPerSecond = nil
            model.network.interfaces[i].dropsPerSecond = nil
        }
        model.network.tcpStates = []
        // A moment keeps CPU, memory and I/O of its heaviest processes: the other columns would be
        // nothing but dashes.
        let columns = model.processes.columns.filter { [.pid, .user, .cpu, .memory, .resident, .io, .command].contains($0) }
        let showsContainers = model.processes.containers != nil
        model.processes = processes(moment, memoryTotal: model.memory?.total ?? 0, sort: sort, reversed: reversed, error: model.processes.error)
        model.processes.columns = columns
        if showsContainers { model.processes.containers = containerRows(sort: sort) }
        model.status.past = ClockText.moment(time, now: now)
    }

    private func cpu(_ cpu: inout DashboardModel.CPU) {
        func sum(_ modes: [String]) -> Double? {
            let parts = modes.compactMap { value(SeriesKey("vitals_cpu_mode_ratio", [SeriesKey.Label("mode", $0)])) }
            return parts.isEmpty ? nil : parts.reduce(0, +)
        }
        cpu.busy = value("vitals_cpu_utilization_ratio")
        cpu.user = sum(["user", "nice"])
        cpu.system = sum(["system", "irq", "softirq"])
        cpu.iowait = value(SeriesKey("vitals_cpu_mode_ratio", ["mode": "iowait"]))
        cpu.steal = value(SeriesKey("vitals_cpu_mode_ratio", ["mode": "steal"]))
        for i in cpu.cores.indices {
            let key = SeriesKey("vitals_cpu_core_utilization_ratio", [SeriesKey.Label("cpu", String(cpu.cores[i].id))])
            cpu.cores[i].busy = value(key)
            cpu.cores[i].recent = store.window(key, from: time - interval * 9.5, to: time + interval / 2, points: 10).map { $0?.mean }
        }
        if let one = value("node_load1"), let five = value("node_load5"), let fifteen = value("node_load15") {
            cpu.load = .init(one: one, five: five, fifteen: fifteen)
        } else {
            cpu.load = nil
        }
        cpu.frequencyHertz = nil
        cpu.hottestCelsius = nil
        cpu.pressurePercent = nil
    }

    private func memory(_ memory: inout DashboardModel.Memory) {
        let total = value("node_memory_MemTotal_bytes") ?? Double(memory.total)
        guard let available = value("node_memory_MemAvailable_bytes") else {
            // Nothing recorded then (before the recording began): every figure unknown, never
            // "0B used" beside the live cache and free.
            memory.pending = true
            memory.swapInPagesPerSecond = nil
            memory.swapOutPagesPerSecond = nil
            memory.majorFaultsPerSecond = nil
            memory.pressurePercent = nil
            return
        }
        memory.total = UInt64(max(0, total))
        memory.available = UInt64(max(0, available))
        memory.used = UInt64(max(0, total - available))
        let cache = (value("node_memory_Cached_bytes") ?? 0) + (value("node_memory_Buffers_bytes") ?? 0)
        memory.cached = UInt64(max(0, cache))
        memory.free = UInt64(max(0, value("node_memory_MemFree_bytes") ?? 0))
        if let swapTotal = value("node_memory_SwapTotal_bytes"), let swapFree = value("node_memory_SwapFree_bytes") {
            memory.swapTotal = UInt64(max(0, swapTotal))
            memory.swapUsed = UInt64(max(0, swapTotal - swapFree))
        }
        memory.swapInPagesPerSecond = nil
        memory.swapOutPagesPerSecond = nil
        memory.majorFaultsPerSecond = nil
        memory.pressurePercent = nil
    }

    private func processes(_ moment: TopProcessMoment?, memoryTotal: UInt64, sort: ProcessSort, reversed: Bool, error: String?) -> DashboardModel.Processes {
        let list = moment?.processes ?? []
        let rows = list.map { p in
            var row = DashboardModel.ProcessRow(
                pid: p.pid, user: p.user, cpuPercent: p.cpuPercent,
                memoryPercent: memoryTotal > 0 ? Double(p.residentBytes) / Double(memoryTotal) * 100 : nil, residentBytes: p.residentBytes, name: p.name
            )
            row.ioBytesPerSecond = p.ioBytesPerSecond
            return row
        }.sorted { a, b in
            switch sort {
            // A moment keeps CPU, memory and I/O; orders by other figures fall back to CPU.
            case .cpu, .time, .virtual, .threads, .nice: (a.cpuPercent ?? 0, -a.pid) > (b.cpuPercent ?? 0, -b.pid)
            case .memory: (a.residentBytes, -a.pid) > (b.residentBytes, -b.pid)
            case .io: (a.ioBytesPerSecond ?? 0, -a.pid) > (b.ioBytesPerSecond ?? 0, -b.pid)
            case .pid: a.pid < b.pid
            case .name: (a.name, a.pid) < (b.name, b.pid)
            case .user: (a.user, a.pid) < (b.user, b.pid)
            }
        }
        var model = DashboardModel.Processes(rows: reversed ? rows.reversed() : rows, total: rows.count, error: error)
        model.sort = sort
        model.reversed = reversed
        model.past = moment.map { m in
            m.width == 0 ? "heaviest at " + ClockText.format(m.time)
                : "heaviest " + ClockText.format(m.time) + "–" + ClockText.format(m.time + m.width) + " (peaks)"
        } ?? "no processes recorded for this moment"
        return model
    }
}
