import Collectors
import VitalsCore

extension RateDeriver {
    /// For tests: every collector ran, each over the snapshot's interval.
    mutating func derive(_ snapshot: inout Snapshot) {
        let all: Set<String> = ["cpu", "disk", "network", "vmstat", "processes", "cgroups", "host"]
        let s = snapshot.interval ?? 0
        derive(&snapshot, ran: all, elapsed: s > 0 ? Dictionary(uniqueKeysWithValues: all.map { ($0, s) }) : [:])
    }
}
