import VitalsCore

/// The document of `vitals snapshot --json` (and, with the agent, `/api/v1/snapshot`):
/// every series as `{name, labels, value, type}`, one object per process, and collector health.
public enum SnapshotJSON {
    /// `interval`: the configured interval, which `interval_seconds` reports when given (the
    /// agent's); else the snapshot's measured gap between its two readings.
    public static func encode(_ snapshot: Snapshot, interval: Double? = nil) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.field("time", snapshot.time)
        w.field("host", snapshot.host.hostname)
        w.field("interval_seconds", interval ?? snapshot.interval)
        w.key("series")
        w.beginArray()
        for sample in snapshot.samples() {
            w.beginObject()
            w.field("name", sample.key.name)
            w.key("labels")
            w.beginObject()
            for label in sample.key.labels { w.field(label.name, label.value) }
            w.endObject()
            w.field("value", sample.value)
            w.field("type", sample.kind.rawValue)
            w.endObject()
        }
        w.endArray()
        w.key("processes")
        w.beginArray()
        for p in snapshot.processes ?? [] {
            w.beginObject()
            w.field("pid", Int64(p.pid))
            w.field("ppid", Int64(p.ppid))
            w.field("name", p.name)
            w.field("state", String(p.stateCharacter))
            w.field("uid", UInt64(p.uid))
            w.field("user", p.user)
            w.field("threads", Int64(p.threads))
            w.field("nice", Int64(p.nice))
            w.field("cpu_percent", p.cpuPercent)
            w.field("cpu_seconds", Double(p.cpuTicks) / snapshot.ticksPerSecond)
            w.field("resident_bytes", p.residentBytes)
            w.field("virtual_bytes", p.virtualBytes)
            w.field("start_seconds_after_boot", Double(p.startTicks) / snapshot.ticksPerSecond)
            w.field("start_time_seconds", snapshot.cpu.map { Double($0.stat.bootTime) + Double(p.startTicks) / snapshot.ticksPerSecond })
            w.field("command_line", p.commandLine)
            w.field("cgroup", p.cgroup)
            w.field("io_read_bytes", p.ioReadBytes.map { Double($0) })
            w.field("io_write_bytes", p.ioWriteBytes.map { Double($0) })
            w.field("io_read_bytes_per_second", p.ioReadBytesPerSecond)
            w.field("io_write_bytes_per_second", p.ioWriteBytesPerSecond)
            w.endObject()
        }
        w.endArray()
        w.key("collectors")
        w.beginArray()
        for h in snapshot.health {
            w.beginObject()
            w.field("name", h.name)
            w.key("healthy")
            w.bool(h.isHealthy)
            w.field("last_error", h.lastError)
            w.field("duration_seconds", h.lastDurationSeconds)
            w.field("errors", h.errorCount)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.output
    }
}
