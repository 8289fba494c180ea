/// Process counts, cgroups, vitals itself and collector health as samples.
extension Snapshot {
    /// Process states as the kernel letters them, in the order they are reported.
    public static let processStates: [(letter: UInt8, name: String)] = [
        (82, "R"), (83, "S"), (68, "D"), (90, "Z"), (84, "T"), (116, "t"), (73, "I"), (88, "X"),
    ]

    func appendProcesses(to out: inout [Sample]) {
        guard let processes else { return }
        out.append(Sample(SeriesKey("vitals_processes"), Double(processes.count)))
        var counts = [Int](repeating: 0, count: 256)
        var threads = 0
        for p in processes {
            counts[Int(p.state)] += 1
            threads += Int(p.threads)
        }
        for (letter, name) in Snapshot.processStates {
            out.append(Sample(SeriesKey("node_processes_state", ["state": name]), Double(counts[Int(letter)])))
        }
        out.append(Sample(SeriesKey("node_processes_threads"), Double(threads)))
    }

    /// A container's cgroup is named by the container (`name="redis"`, as its
    /// `vitals_container_*` series) while the runtime is known; by `docker:ID` otherwise.
    func appendCgroups(to out: inout [Sample]) {
        let containerNames = Dictionary((containers?.containers ?? []).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        for g in cgroups ?? [] {
            let name = containerNames.isEmpty ? g.name : CgroupUsage.containerID(inPath: g.path).flatMap { containerNames[String($0)] } ?? g.name
            let labels: KeyValuePairs = ["cgroup": g.path, "name": name]
            out.append(Sample(SeriesKey("vitals_cgroup_processes", labels), Double(g.processCount)))
            if let v = g.cpuUsageMicroseconds { out.append(Sample(SeriesKey("vitals_cgroup_cpu_usage_seconds_total", labels), Double(v) / 1e6, .counter)) }
            if let v = g.cpuPercent { out.append(Sample(SeriesKey("vitals_cgroup_cpu_percent", labels), v)) }
            if let v = g.memoryCurrentBytes { out.append(Sample(SeriesKey("vitals_cgroup_memory_bytes", labels), Double(v))) }
            if let v = g.memoryMaxBytes { out.append(Sample(SeriesKey("vitals_cgroup_memory_limit_bytes", labels), Double(v))) }
            if let v = g.ioReadBytes { out.append(Sample(SeriesKey("vitals_cgroup_io_read_bytes_total", labels), Double(v), .counter)) }
            if let v = g.ioWriteBytes { out.append(Sample(SeriesKey("vitals_cgroup_io_written_bytes_total", labels), Double(v), .counter)) }
        }
        if let limits = selfLimits {
            if let m = limits.memoryMaxBytes { out.append(Sample(SeriesKey("vitals_self_memory_limit_bytes"), Double(m))) }
            if let c = limits.cpuCores { out.append(Sample(SeriesKey("vitals_self_cpu_limit_cores"), c)) }
        }
    }

    func appendSelfAndHealth(to out: inout [Sample]) {
        out.append(Sample(SeriesKey("process_cpu_seconds_total"), host.selfCPUSeconds, .counter))
        if let rss = host.selfResidentBytes {
            out.append(Sample(SeriesKey("process_resident_memory_bytes"), Double(rss)))
        }
        let own: [(String, Double?)] = [
            // Closures, not `Double.init`: on a UInt64 that would pick init(bitPattern:).
            ("process_virtual_memory_bytes", host.selfVirtualBytes.map { Double($0) }), ("process_open_fds", host.selfOpenFDs.map { Double($0) }),
            ("process_max_fds", host.selfMaxFDs.map { Double($0) }), ("process_virtual_memory_max_bytes", host.selfVirtualMaxBytes.map { Double($0) }),
            ("process_start_time_seconds", host.selfStartTime),
        ]
        for (name, value) in own {
            if let value { out.append(Sample(SeriesKey(name), value)) }
        }
        if let cpu = host.selfCPUPercent {
            out.append(Sample(SeriesKey("vitals_self_cpu_percent"), cpu))
        }
        for h in health {
            let labels: KeyValuePairs = ["collector": h.name]
            out.append(Sample(SeriesKey("vitals_collector_success", labels), h.lastRunFailed ? 0 : 1))
            out.append(Sample(SeriesKey("vitals_collector_healthy", labels), h.isHealthy ? 1 : 0))
            out.append(Sample(SeriesKey("vitals_collector_duration_seconds", labels), h.lastDurationSeconds))
            out.append(Sample(SeriesKey("vitals_collector_errors_total", labels), Double(h.errorCount), .counter))
            if let t = h.lastSuccess {
                out.append(Sample(SeriesKey("vitals_collector_last_success_timestamp_seconds", labels), t))
            }
        }
    }
}
