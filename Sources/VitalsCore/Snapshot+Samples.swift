/// The snapshot flattened into samples under node_exporter's names (vitals' own as `vitals_*`).
///
/// This is the one vocabulary shared by the store, `snapshot --json` and, later, `/metrics`.
extension Snapshot {
    public func samples() -> [Sample] {
        var out: [Sample] = []
        out.reserveCapacity(256)
        out.append(Sample(SeriesKey("node_time_seconds"), time))
        if let uptime = host.uptimeSeconds { out.append(Sample(SeriesKey("vitals_uptime_seconds"), uptime)) }
        appendCPU(to: &out)
        if let load {
            out.append(Sample(SeriesKey("node_load1"), load.one))
            out.append(Sample(SeriesKey("node_load5"), load.five))
            out.append(Sample(SeriesKey("node_load15"), load.fifteen))
        }
        appendMemory(to: &out)
        appendDisks(to: &out)
        appendFilesystems(to: &out)
        appendNetwork(to: &out)
        if let processes {
            out.append(Sample(SeriesKey("vitals_processes"), Double(processes.count)))
        }
        appendSelfAndHealth(to: &out)
        return out
    }

    private func appendCPU(to out: inout [Sample]) {
        guard let cpu else { return }
        let stat = cpu.stat
        for core in stat.cores {
            let id = String(core.id)
            for (mode, ticks) in zip(CPUTimes.modeNames, core.times.modes) {
                out.append(Sample(SeriesKey("node_cpu_seconds_total", ["cpu": id, "mode": mode]), Double(ticks) / ticksPerSecond, .counter))
            }
        }
        out.append(Sample(SeriesKey("node_context_switches_total"), Double(stat.contextSwitches), .counter))
        out.append(Sample(SeriesKey("node_intr_total"), Double(stat.interrupts), .counter))
        out.append(Sample(SeriesKey("node_forks_total"), Double(stat.forks), .counter))
        out.append(Sample(SeriesKey("node_boot_time_seconds"), Double(stat.bootTime)))
        out.append(Sample(SeriesKey("node_procs_running"), Double(stat.processesRunning)))
        out.append(Sample(SeriesKey("node_procs_blocked"), Double(stat.processesBlocked)))
        if let usage = cpu.usage {
            out.append(Sample(SeriesKey("vitals_cpu_utilization_ratio"), usage.busy))
            out.append(Sample(SeriesKey("vitals_cpu_mode_ratio", ["mode": "user"]), usage.user))
            out.append(Sample(SeriesKey("vitals_cpu_mode_ratio", ["mode": "system"]), usage.system))
            out.append(Sample(SeriesKey("vitals_cpu_mode_ratio", ["mode": "iowait"]), usage.iowait))
            out.append(Sample(SeriesKey("vitals_cpu_mode_ratio", ["mode": "steal"]), usage.steal))
        }
        for (core, busy) in zip(stat.cores, cpu.coreBusy) {
            guard let busy else { continue }
            out.append(Sample(SeriesKey("vitals_cpu_core_utilization_ratio", ["cpu": String(core.id)]), busy))
        }
    }

    private func appendMemory(to out: inout [Sample]) {
        guard let memory else { return }
        for field in memory.fields {
            out.append(Sample(SeriesKey(Snapshot.memoryMetricName(field.name)), Double(field.value)))
        }
        out.append(Sample(SeriesKey("vitals_memory_used_bytes"), Double(memory.used)))
        if memory.total > 0 {
            out.append(Sample(SeriesKey("vitals_memory_used_ratio"), Double(memory.used) / Double(memory.total)))
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

    private func appendDisks(to out: inout [Sample]) {
        guard let disks else { return }
        for disk in disks {
            let labels: KeyValuePairs = ["device": disk.name]
            out.append(Sample(SeriesKey("node_disk_read_bytes_total", labels), Double(disk.readBytes), .counter))
            out.append(Sample(SeriesKey("node_disk_written_bytes_total", labels), Double(disk.writtenBytes), .counter))
            out.append(Sample(SeriesKey("node_disk_reads_completed_total", labels), Double(disk.readsCompleted), .counter))
            out.append(Sample(SeriesKey("node_disk_writes_completed_total", labels), Double(disk.writesCompleted), .counter))
            out.append(Sample(SeriesKey("node_disk_io_time_seconds_total", labels), Double(disk.ioMilliseconds) / 1000, .counter))
            if let rate = disk.readBytesPerSecond {
                out.append(Sample(SeriesKey("vitals_disk_read_bytes_per_second", labels), rate))
            }
            if let rate = disk.writeBytesPerSecond {
                out.append(Sample(SeriesKey("vitals_disk_written_bytes_per_second", labels), rate))
            }
        }
    }

    private func appendFilesystems(to out: inout [Sample]) {
        guard let filesystems else { return }
        for fs in filesystems {
            let labels: KeyValuePairs = ["device": fs.mount.device, "fstype": fs.mount.fsType, "mountpoint": fs.mount.mountPoint]
            out.append(Sample(SeriesKey("node_filesystem_size_bytes", labels), Double(fs.sizeBytes)))
            out.append(Sample(SeriesKey("node_filesystem_free_bytes", labels), Double(fs.freeBytes)))
            out.append(Sample(SeriesKey("node_filesystem_avail_bytes", labels), Double(fs.availableBytes)))
            out.append(Sample(SeriesKey("node_filesystem_files", labels), Double(fs.files)))
            out.append(Sample(SeriesKey("node_filesystem_files_free", labels), Double(fs.filesFree)))
        }
    }

    private func appendNetwork(to out: inout [Sample]) {
        guard let network else { return }
        for nic in network {
            let labels: KeyValuePairs = ["device": nic.name]
            out.append(Sample(SeriesKey("node_network_receive_bytes_total", labels), Double(nic.receiveBytes), .counter))
            out.append(Sample(SeriesKey("node_network_receive_packets_total", labels), Double(nic.receivePackets), .counter))
            out.append(Sample(SeriesKey("node_network_receive_errs_total", labels), Double(nic.receiveErrors), .counter))
            out.append(Sample(SeriesKey("node_network_receive_drop_total", labels), Double(nic.receiveDrops), .counter))
            out.append(Sample(SeriesKey("node_network_transmit_bytes_total", labels), Double(nic.transmitBytes), .counter))
            out.append(Sample(SeriesKey("node_network_transmit_packets_total", labels), Double(nic.transmitPackets), .counter))
            out.append(Sample(SeriesKey("node_network_transmit_errs_total", labels), Double(nic.transmitErrors), .counter))
            out.append(Sample(SeriesKey("node_network_transmit_drop_total", labels), Double(nic.transmitDrops), .counter))
            if let rate = nic.receiveBytesPerSecond {
                out.append(Sample(SeriesKey("vitals_network_receive_bytes_per_second", labels), rate))
            }
            if let rate = nic.transmitBytesPerSecond {
                out.append(Sample(SeriesKey("vitals_network_transmit_bytes_per_second", labels), rate))
            }
        }
    }

    private func appendSelfAndHealth(to out: inout [Sample]) {
        out.append(Sample(SeriesKey("process_cpu_seconds_total"), host.selfCPUSeconds, .counter))
        if let rss = host.selfResidentBytes {
            out.append(Sample(SeriesKey("process_resident_memory_bytes"), Double(rss)))
        }
        if let cpu = host.selfCPUPercent {
            out.append(Sample(SeriesKey("vitals_self_cpu_percent"), cpu))
        }
        for h in health {
            let labels: KeyValuePairs = ["collector": h.name]
            out.append(Sample(SeriesKey("vitals_collector_success", labels), h.lastRunFailed ? 0 : 1))
            out.append(Sample(SeriesKey("vitals_collector_duration_seconds", labels), h.lastDurationSeconds))
            out.append(Sample(SeriesKey("vitals_collector_errors_total", labels), Double(h.errorCount), .counter))
        }
    }
}
