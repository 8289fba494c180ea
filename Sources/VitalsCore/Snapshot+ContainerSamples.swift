/// The container runtime's containers as samples, in kube-state-metrics' manner: an info series
/// carrying the id and image, and a state series per possible state, 1 for the current one.
extension Snapshot {
    func appendContainers(to out: inout [Sample]) {
        guard let reading = containers else { return }
        for c in reading.containers {
            out.append(Sample(SeriesKey("vitals_container_info", ["id": c.id, "name": c.name, "image": c.image]), 1))
            for state in ContainerInfo.State.allCases {
                out.append(Sample(SeriesKey("vitals_container_state", ["name": c.name, "state": state.rawValue]), state == c.state ? 1 : 0))
            }
            if let health = c.health {
                for h in ContainerInfo.Health.allCases {
                    out.append(Sample(SeriesKey("vitals_container_health", ["name": c.name, "health": h.rawValue]), h == health ? 1 : 0))
                }
            }
            out.append(Sample(SeriesKey("vitals_container_restarts_total", ["name": c.name]), Double(c.restartCount), .counter))
            out.append(Sample(SeriesKey("vitals_container_exit_code", ["name": c.name]), Double(c.exitCode)))
            // Exited with an error, or dead: what the container-stopped rule fires on.
            let crashed = (c.state == .exited && c.exitCode != 0) || c.state == .dead
            out.append(Sample(SeriesKey("vitals_container_crashed", ["name": c.name]), crashed ? 1 : 0))
            if let started = c.startedAt { out.append(Sample(SeriesKey("vitals_container_started_time_seconds", ["name": c.name]), started)) }
            if let finished = c.finishedAt { out.append(Sample(SeriesKey("vitals_container_finished_time_seconds", ["name": c.name]), finished)) }
        }
        // The runtime's own; a failed container kept after its removal is not counted.
        out.append(Sample(SeriesKey("vitals_containers"), Double(reading.containers.count(where: { $0.removedAt == nil }))))
    }
}
