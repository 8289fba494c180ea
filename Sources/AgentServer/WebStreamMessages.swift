import ContainerRuntime
import AlertDelivery
import Alerting
import Exposition
import VitalsCore

/// The messages of `/api/system/ws`, in the shapes the web clients of the system vitals grew out
/// of were written against: one JSON object per message.
///
/// - `{"type":"system_metric","data":{"time","metric_type","value","source","meta":{"unit",…}}}`
///   with `metric_type` `cpu`, `memory`, `disk`, `swap` (percent), `load` (the 1-minute average;
///   `meta` has the 5- and 15-minute ones), `network_rx`, `network_tx` (bytes a second over every
///   interface but loopback). `source` is `host`, or a container's name for its `cpu` (percent of
///   one core) and `memory` (percent of its limit, else of the host's memory).
/// - `{"type":"container_status","data":{"container","status","time",…}}` (as `/api/v1/stream`).
/// - `{"type":"alert","data":{…}}` for each alert transition (as `/api/v1/stream`).
/// - `{"type":"processes","data":{"time","processes":[…]}}` (as `/api/v1/stream`).
/// - `{"type":"host_details","data":{"time","host","uptime_seconds","interval_seconds","disks":[…],
///   "filesystems":[…],"interfaces":[…],"collectors":[…]}}` on the `details` channel (see `details`).
/// - To the client alone: `subscribed` (its channels, after each subscribe and unsubscribe),
///   `pong`, and `{"type":"error","data":{"reason"}}`.
enum WebStreamMessages {
    /// A tick's messages: figures and container statuses, alerts, the heaviest processes.
    static func tick(_ snapshot: Snapshot, transitions: [AlertTransition], containers: [ContainerStatusTracker.Status]) -> [WebStreamItem] {
        let time = RFC3339.format(snapshot.time)
        var items = hostFigures(snapshot, time: time).map { WebStreamItem.figure(.system, $0) }
        items += containerStatuses(containers, time: time).map { WebStreamItem.event(.containers, $0) }
        items += containerFigures(snapshot, time: time).map { WebStreamItem.figure(.containers, $0) }
        for transition in transitions {
            var w = JSONWriter()
            StreamMessages.alertItem(transition, into: &w)
            items.append(.event(.alerts, w.output))
        }
        if snapshot.processes != nil {
            var w = JSONWriter()
            StreamMessages.processesItem(snapshot, time: time, into: &w)
            items.append(.figure(.processes, w.output))
        }
        items.append(.figure(.details, details(snapshot, time: time)))
        return items
    }

    /// The host (its name, uptime and the time between ticks), its devices as the terminal's
    /// panes list them, and every collector's health: whole
    /// disks that have done any I/O (`read_bytes_per_second`, `written_bytes_per_second`,
    /// `busy_percent`), filesystems (`used_bytes`, `size_bytes`, `used_percent` as `df`'s Use%),
    /// interfaces but loopback that carried a byte (`rx_bytes_per_second`, `tx_bytes_per_second`),
    /// and collectors (`healthy`; `problem` when its last run failed, as the terminal's status line
    /// says it: not for a host without a container runtime; `error`). A rate is null on the first
    /// tick a device is seen.
    static func details(_ s: Snapshot, time: String) -> String {
        func rounded(_ value: Double?) -> Double? { value.map(twoDecimals) }
        return StreamMessages.message("host_details") { w in
            w.key("time"); w.string(time)
            w.key("host"); w.string(s.host.hostname)
            w.field("uptime_seconds", s.host.uptimeSeconds)
            w.field("interval_seconds", s.interval.map { ($0 * 1000).rounded() / 1000 })
            w.key("disks")
            w.beginArray()
            for d in s.disks ?? [] where d.isWholeDisk && (d.readsCompleted > 0 || d.writesCompleted > 0) {
                w.beginObject()
                w.key("device"); w.string(d.displayName)
                w.field("read_bytes_per_second", rounded(d.readBytesPerSecond))
                w.field("written_bytes_per_second", rounded(d.writeBytesPerSecond))
                w.field("busy_percent", rounded(d.busyFraction.map { $0 * 100 }))
                w.endObject()
            }
            w.endArray()
            w.key("filesystems")
            w.beginArray()
            for f in s.filesystems ?? [] {
                w.beginObject()
                w.key("mountpoint"); w.string(f.mount.mountPoint)
                w.key("device"); w.string(f.mount.device)
                w.key("fstype"); w.string(f.mount.fsType)
                w.key("used_bytes"); w.number(f.usedBytes)
                w.key("size_bytes"); w.number(f.sizeBytes)
                w.field("used_percent", rounded(f.usedFraction * 100))
                w.endObject()
            }
            w.endArray()
            w.key("interfaces")
            w.beginArray()
            for i in s.network ?? [] where !i.isLoopback && (i.receiveBytes > 0 || i.transmitBytes > 0) {
                w.beginObject()
                w.key("device"); w.string(i.name)
                w.field("rx_bytes_per_second", rounded(i.receiveBytesPerSecond))
                w.field("tx_bytes_per_second", rounded(i.transmitBytesPerSecond))
                w.endObject()
            }
            w.endArray()
            w.key("collectors")
            AgentJSON.collectors(s.health, into: &w)
        }
    }

    /// What a client has on connect: the latest figures and every container's status.
    static func onConnect(_ snapshot: Snapshot) -> [WebStreamItem] {
        let statuses = (snapshot.containers?.containers ?? []).map(ContainerStatusTracker.status)
        return tick(snapshot, transitions: [], containers: statuses)
    }

    static func hostFigures(_ s: Snapshot, time: String) -> [String] {
        var out: [String] = []
        if let busy = s.cpu?.usage?.busy {
            out.append(metric("cpu", busy * 100, time: time, source: "host", unit: "percent") { w in
                w.key("cores")
                w.beginArray()
                for busy in s.cpu?.coreBusy ?? [] {
                    if let busy { w.number((busy * 1000).rounded() / 10) } else { w.null() }
                }
                w.endArray()
            })
        }
        if let m = s.memory, m.total > 0 {
            out.append(metric("memory", Double(m.used) / Double(m.total) * 100, time: time, source: "host", unit: "percent") { w in
                w.key("used_bytes"); w.number(m.used)
                w.key("total_bytes"); w.number(m.total)
            })
            out.append(metric("swap", m.swapTotal > 0 ? Double(m.swapUsed) / Double(m.swapTotal) * 100 : 0, time: time, source: "host", unit: "percent") { w in
                w.key("used_bytes"); w.number(m.swapUsed)
                w.key("total_bytes"); w.number(m.swapTotal)
            })
        }
        if let root = rootFilesystem(s.filesystems ?? []) {
            out.append(metric("disk", root.usedFraction * 100, time: time, source: "host", unit: "percent") { w in
                w.key("mountpoint"); w.string(root.mount.mountPoint)
                w.key("used_bytes"); w.number(root.usedBytes)
                w.key("size_bytes"); w.number(root.sizeBytes)
            })
        }
        if let load = s.load {
            out.append(metric("load", load.one, time: time, source: "host", unit: "load") { w in
                w.key("load5"); w.number(load.five)
                w.key("load15"); w.number(load.fifteen)
            })
        }
        let interfaces = (s.network ?? []).filter { !$0.isLoopback }
        let rx = interfaces.compactMap(\.receiveBytesPerSecond), tx = interfaces.compactMap(\.transmitBytesPerSecond)
        if !rx.isEmpty { out.append(metric("network_rx", rx.reduce(0, +), time: time, source: "host", unit: "bytes_per_second")) }
        if !tx.isEmpty { out.append(metric("network_tx", tx.reduce(0, +), time: time, source: "host", unit: "bytes_per_second")) }
        return out
    }

    /// `/`, else the largest filesystem: the one disk figure a web client shows.
    static func rootFilesystem(_ filesystems: [FilesystemUsage]) -> FilesystemUsage? {
        filesystems.first { $0.mount.mountPoint == "/" } ?? filesystems.max { $0.sizeBytes < $1.sizeBytes }
    }

    /// Each running container's CPU and memory, from its cgroup.
    static func containerFigures(_ s: Snapshot, time: String) -> [String] {
        guard let containers = s.containers?.containers, let cgroups = s.cgroups else { return [] }
        let byID = CgroupUsage.byContainerID(cgroups)
        let hostMemory = s.memory?.total ?? 0
        var out: [String] = []
        for c in containers where c.removedAt == nil {
            guard let group = byID[c.id] else { continue }
            if let cpu = group.cpuPercent { out.append(metric("cpu", cpu, time: time, source: c.name, unit: "percent")) }
            if let used = group.memoryCurrentBytes, let limit = group.memoryMaxBytes ?? (hostMemory > 0 ? hostMemory : nil) {
                out.append(metric("memory", Double(used) / Double(limit) * 100, time: time, source: c.name, unit: "percent") { w in
                    w.key("used_bytes"); w.number(used)
                    w.key("limit_bytes"); w.number(limit)
                })
            }
        }
        return out
    }

    static func containerStatuses(_ statuses: [ContainerStatusTracker.Status], time: String) -> [String] {
        statuses.map { status in
            var w = JSONWriter()
            StreamMessages.containerStatus(status, time: time, into: &w)
            return w.output
        }
    }

    static func metric(_ type: String, _ value: Double, time: String, source: String, unit: String, meta: (inout JSONWriter) -> Void = { _ in }) -> String {
        StreamMessages.message("system_metric") { w in
            w.key("time"); w.string(time)
            w.key("metric_type"); w.string(type)
            w.key("value"); w.number(twoDecimals(value))
            w.key("source"); w.string(source)
            w.key("meta")
            w.beginObject()
            w.key("unit"); w.string(unit)
            meta(&w)
            w.endObject()
        }
    }

    /// Figures as the web clients get them: two decimals, and 0 for what is not a number.
    static func twoDecimals(_ value: Double) -> Double {
        value.isFinite ? (value * 100).rounded() / 100 : 0
    }

    static func subscribed(_ channels: Set<WebStreamChannel>) -> String {
        StreamMessages.message("subscribed") { w in
            w.key("channels")
            w.beginArray()
            for channel in channels.sorted() { w.string(channel.rawValue) }
            w.endArray()
        }
    }

    static func pong(time: Double) -> String {
        StreamMessages.message("pong") { w in w.key("time"); w.string(RFC3339.format(time)) }
    }

    static func error(_ reason: String) -> String { StreamMessages.withReason("error", reason) }
}
