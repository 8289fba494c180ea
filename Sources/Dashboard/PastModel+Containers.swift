import Rendering
import SeriesStore
import VitalsCore

/// The `c` view at a past moment, from the series the store kept: each container in the state
/// whose indicator led over that tick (a container with no state then did not exist then), its
/// health, exit code and restarts, and the use of the cgroups that held processes then. I/O
/// rates are not recorded (their counters are), so they show as missing.
extension PastModel {
    func containerRows(sort: ProcessSort) -> [DashboardModel.ContainerRow] {
        var identity: [String: (id: String, image: String)] = [:]
        for key in store.keys(named: "vitals_container_info") where (value(key) ?? 0) > 0 {
            guard let name = key.label("name") else { continue }
            identity[name] = (key.label("id") ?? "", key.label("image") ?? "")
        }
        let states = leading("vitals_container_state", label: "state", as: ContainerInfo.State.init(rawValue:))
        let health = leading("vitals_container_health", label: "health", as: ContainerInfo.Health.init(rawValue:))
        let containers = states.map { name, state in
            var c = ContainerInfo(id: identity[name]?.id ?? "", name: name, image: identity[name]?.image ?? "", state: state)
            c.health = health[name]
            c.exitCode = Int(value(SeriesKey("vitals_container_exit_code", ["name": name])) ?? 0)
            c.restartCount = Int(value(SeriesKey("vitals_container_restarts_total", ["name": name])) ?? 0)
            c.finishedAt = value(SeriesKey("vitals_container_finished_time_seconds", ["name": name]))
            return c
        }
        var cgroups: [CgroupUsage] = []
        for key in store.keys(named: "vitals_cgroup_processes") {
            guard let processes = value(key), let path = key.label("cgroup") else { continue }
            var c = CgroupUsage(path: path, name: key.label("name") ?? path, processCount: Int(processes.rounded()))
            c.cpuPercent = value(SeriesKey("vitals_cgroup_cpu_percent", key.labels))
            c.memoryCurrentBytes = value(SeriesKey("vitals_cgroup_memory_bytes", key.labels)).map { UInt64(max(0, $0)) }
            c.memoryMaxBytes = value(SeriesKey("vitals_cgroup_memory_limit_bytes", key.labels)).map { UInt64(max(0, $0)) }
            cgroups.append(c)
        }
        let reading = containers.isEmpty ? nil : ContainerReading(socket: nil, runtime: nil, containers: containers)
        return DashboardModelBuilder.containerRows(cgroups, sort: sort, runtime: reading, now: time)
    }

    /// Per container name, the value of `label` whose 0/1 series was highest over the moment.
    private func leading<T>(_ metric: String, label: String, as make: (String) -> T?) -> [String: T] {
        var best: [String: (value: T, mean: Double)] = [:]
        for key in store.keys(named: metric) {
            guard let mean = value(key), mean > 0, let name = key.label("name"),
                  let v = key.label(label).flatMap(make), mean > best[name]?.mean ?? 0 else { continue }
            best[name] = (v, mean)
        }
        return best.mapValues(\.value)
    }
}
