/// The snapshot flattened into samples under node_exporter's names (vitals' own as `vitals_*`).
///
/// This is the one vocabulary shared by the store, `snapshot --json` and, later, `/metrics`.
/// The areas live in their own files: CPU and memory here, storage, network, and processes beside.
extension Snapshot {
    public func samples() -> [Sample] {
        var out: [Sample] = []
        out.reserveCapacity(512)
        out.append(Sample(SeriesKey("node_time_seconds"), time))
        if let uptime = host.uptimeSeconds { out.append(Sample(SeriesKey("vitals_uptime_seconds"), uptime)) }
        appendCPU(to: &out)
        appendLoadAndPressure(to: &out)
        appendMemory(to: &out)
        appendStorage(to: &out)
        appendNetwork(to: &out)
        appendKernel(to: &out)
        appendProcesses(to: &out)
        appendCgroups(to: &out)
        appendContainers(to: &out)
        appendSelfAndHealth(to: &out)
        appendTextfile(to: &out)
        return out
    }

    /// node_exporter's textfile families, then the files' own series; a series of a name vitals
    /// itself exports is left out (vitals' own reading wins).
    private func appendTextfile(to out: inout [Sample]) {
        guard let textfile else { return }
        for file in textfile.files {
            if let modified = file.modified { out.append(Sample(SeriesKey("node_textfile_mtime_seconds", ["file": file.name]), modified)) }
        }
        out.append(Sample(SeriesKey("node_textfile_scrape_error"), textfile.hasError ? 1 : 0))
        guard !textfile.samples.isEmpty else { return }
        let own = Set(out.map(\.key.name))
        out += textfile.samples.filter { !own.contains($0.key.name) }
    }

    private func appendCPU(to out: inout [Sample]) {
        guard let cpu else { return }
        let stat = cpu.stat
        for core in stat.cores {
            let id = String(core.id)
            for (mode, ticks) in zip(CPUTimes.modeNames, core.times.modes) {
                out.append(Sample(SeriesKey("node_cpu_seconds_total", ["cpu": id, "mode": mode]), Double(ticks) / ticksPerSecond, .counter))
            }
            out.append(Sample(SeriesKey("node_cpu_guest_seconds_total", ["cpu": id, "mode": "user"]), Double(core.times.guest) / ticksPerSecond, .counter))
            out.append(Sample(SeriesKey("node_cpu_guest_seconds_total", ["cpu": id, "mode": "nice"]), Double(core.times.guestNice) / ticksPerSecond, .counter))
        }
        out.append(Sample(SeriesKey("node_context_switches_total"), Double(stat.contextSwitches), .counter))
        out.append(Sample(SeriesKey("node_intr_total"), Double(stat.interrupts), .counter))
        out.append(Sample(SeriesKey("node_forks_total"), Double(stat.forks), .counter))
        out.append(Sample(SeriesKey("node_boot_time_seconds"), Double(stat.bootTime)))
        out.append(Sample(SeriesKey("node_procs_running"), Double(stat.processesRunning)))
        out.append(Sample(SeriesKey("node_procs_blocked"), Double(stat.processesBlocked)))
        if let r = cpu.contextSwitchesPerSecond { out.append(Sample(SeriesKey("vitals_context_switches_per_second"), r)) }
        if let r = cpu.interruptsPerSecond { out.append(Sample(SeriesKey("vitals_interrupts_per_second"), r)) }
        if let usage = cpu.usage {
            out.append(Sample(SeriesKey("vitals_cpu_utilization_ratio"), usage.busy))
            for (mode, share) in zip(CPUTimes.modeNames, usage.modes) {
                out.append(Sample(SeriesKey("vitals_cpu_mode_ratio", ["mode": mode]), share))
            }
        }
        for (core, busy) in zip(stat.cores, cpu.coreBusy) {
            guard let busy else { continue }
            out.append(Sample(SeriesKey("vitals_cpu_core_utilization_ratio", ["cpu": String(core.id)]), busy))
        }
        for f in sensors?.frequencies ?? [] {
            out.append(Sample(SeriesKey("node_cpu_scaling_frequency_hertz", ["cpu": String(f.cpu)]), f.hertz))
        }
        for t in sensors?.temperatures ?? [] {
            if t.isThermalZone {
                out.append(Sample(SeriesKey("node_thermal_zone_temp", ["type": t.sensor, "zone": String(t.chip.dropFirst("thermal_zone".count))]), t.celsius))
            } else {
                out.append(Sample(SeriesKey("node_hwmon_temp_celsius", ["chip": t.chip, "sensor": t.sensor]), t.celsius))
            }
        }
    }

    private func appendLoadAndPressure(to out: inout [Sample]) {
        if let load {
            out.append(Sample(SeriesKey("node_load1"), load.one))
            out.append(Sample(SeriesKey("node_load5"), load.five))
            out.append(Sample(SeriesKey("node_load15"), load.fifteen))
            out.append(Sample(SeriesKey("vitals_tasks_runnable"), Double(load.runnable)))
            out.append(Sample(SeriesKey("vitals_tasks"), Double(load.total)))
            // For the "load far above cores" rule: rules compare a series with a number.
            if let cores = cpu?.stat.cores.count, cores > 0 {
                for (window, value) in [("1m", load.one), ("5m", load.five), ("15m", load.fifteen)] {
                    out.append(Sample(SeriesKey("vitals_load_per_core", ["window": window]), value / Double(cores)))
                }
            }
        }
        for p in pressure ?? [] {
            for (kind, line) in [("some", p.some), ("full", p.full)] {
                guard let line else { continue }
                // node_exporter: "some" is waiting, "full" is stalled.
                let total = "node_pressure_\(p.resource)_\(kind == "some" ? "waiting" : "stalled")_seconds_total"
                out.append(Sample(SeriesKey(total), Double(line.totalMicroseconds) / 1_000_000, .counter))
                for (window, value) in [("10s", line.avg10), ("60s", line.avg60), ("300s", line.avg300)] {
                    out.append(Sample(SeriesKey("vitals_pressure_ratio", ["kind": kind, "resource": p.resource, "window": window]), value / 100))
                }
            }
        }
    }

    private func appendMemory(to out: inout [Sample]) {
        if let memory {
            for field in memory.fields {
                out.append(Sample(SeriesKey(Snapshot.memoryMetricName(field.name)), Double(field.value)))
            }
            out.append(Sample(SeriesKey("vitals_memory_used_bytes"), Double(memory.used)))
            if memory.total > 0 {
                out.append(Sample(SeriesKey("vitals_memory_used_ratio"), Double(memory.used) / Double(memory.total)))
                out.append(Sample(SeriesKey("vitals_memory_available_ratio"), Double(memory.available) / Double(memory.total)))
            }
            if let arc = memory.zfsARCBytes { out.append(Sample(SeriesKey("node_zfs_arc_size"), Double(arc))) }
        }
        if let vmstat {
            for field in vmstat.fields {
                out.append(Sample(SeriesKey("node_vmstat_" + field.name), Double(field.value), .counter))
            }
            if let r = vmstat.swapInPagesPerSecond { out.append(Sample(SeriesKey("vitals_swap_in_pages_per_second"), r)) }
            if let r = vmstat.swapOutPagesPerSecond { out.append(Sample(SeriesKey("vitals_swap_out_pages_per_second"), r)) }
            if let r = vmstat.majorFaultsPerSecond { out.append(Sample(SeriesKey("vitals_major_page_faults_per_second"), r)) }
        }
    }

    /// node_exporter's naming: `Active(anon)` → `node_memory_Active_anon_bytes`; page counts keep no unit.
    public static func memoryMetricName(_ field: String) -> String {
        var name = ""
        for scalar in field.unicodeScalars {
            switch scalar {
            case "(", ")", " ", "-", ".": if !name.hasSuffix("_") { name.append("_") }
            default: name.unicodeScalars.append(scalar)
            }
        }
        while name.hasSuffix("_") { name.removeLast() }
        return field.hasPrefix("HugePages_") ? "node_memory_" + name : "node_memory_" + name + "_bytes"
    }
}
