import Rendering
import VitalsCore

/// The process table's rows: filtered, ordered, capped; and the selected row's detail line.
enum ProcessTable {
    /// Processes matching `filter` (case-insensitive, in name, command line or user), in `sort`
    /// order; ties by resident memory, then pid, so the order is stable between ticks.
    static func ordered(_ list: [ProcessSample], sort: ProcessSort, filter: String) -> [ProcessSample] {
        let needle = filter.lowercased()
        let matching = needle.isEmpty ? list : list.filter { p in
            p.name.lowercased().contains(needle) || (p.user?.lowercased().contains(needle) ?? false)
                || (p.commandLine?.lowercased().contains(needle) ?? false)
        }
        func tie(_ a: ProcessSample, _ b: ProcessSample) -> Bool {
            a.residentBytes != b.residentBytes ? a.residentBytes > b.residentBytes : a.pid < b.pid
        }
        func most(_ x: Double, _ y: Double, _ a: ProcessSample, _ b: ProcessSample) -> Bool { x != y ? x > y : tie(a, b) }
        return matching.sorted { a, b in
            switch sort {
            case .cpu: most(a.cpuPercent ?? 0, b.cpuPercent ?? 0, a, b)
            case .memory: most(Double(a.residentBytes), Double(b.residentBytes), a, b)
            case .io: most(a.ioBytesPerSecond ?? -1, b.ioBytesPerSecond ?? -1, a, b)
            case .pid: a.pid < b.pid
            case .name: a.name != b.name ? a.name.lowercased() < b.name.lowercased() : a.pid < b.pid
            case .user: (a.user ?? "") != (b.user ?? "") ? (a.user ?? "") < (b.user ?? "") : tie(a, b)
            }
        }
    }

    /// The tree view: every process after its parent, siblings in `ordered`'s order, each with the
    /// branch to draw before its name. A process whose parent is not in the list is a root.
    static func tree(_ ordered: [ProcessSample]) -> [(process: ProcessSample, prefix: String)] {
        let present = Set(ordered.map(\.pid))
        var children: [Int32: [ProcessSample]] = [:]
        var roots: [ProcessSample] = []
        for p in ordered {
            if p.ppid != p.pid, present.contains(p.ppid) { children[p.ppid, default: []].append(p) } else { roots.append(p) }
        }
        var out: [(process: ProcessSample, prefix: String)] = []
        out.reserveCapacity(ordered.count)
        var visited = Set<Int32>()
        func walk(_ p: ProcessSample, indent: String, branch: String) {
            guard visited.insert(p.pid).inserted else { return }  // a cycle in a hostile /proc
            out.append((p, indent + branch))
            let kids = children[p.pid] ?? []
            let childIndent = indent + (branch.isEmpty ? "" : (branch == "└─ " ? "   " : "│  "))
            for (i, child) in kids.enumerated() { walk(child, indent: childIndent, branch: i == kids.count - 1 ? "└─ " : "├─ ") }
        }
        for root in roots { walk(root, indent: "", branch: "") }
        return out
    }

    /// `pid 4242  alice  S  12 threads  started 03:12:45  /system.slice/nginx.service  nginx: worker process`
    /// (whatever is known; the command line last, as it is the longest).
    static func detail(_ p: ProcessSample, snapshot: Snapshot) -> String {
        var parts = ["pid \(p.pid)", p.user ?? String(p.uid), "state " + String(p.stateCharacter), "\(p.threads) thread" + (p.threads == 1 ? "" : "s")]
        if p.ppid > 0 { parts.append("ppid \(p.ppid)") }
        if let boot = snapshot.cpu?.stat.bootTime, snapshot.ticksPerSecond > 0 {
            let started = Double(boot) + Double(p.startTicks) / snapshot.ticksPerSecond
            parts.append("started " + ClockText.format(started))
        }
        if let cgroup = p.cgroup { parts.append(cgroup) }
        parts.append(p.commandLine ?? p.name)
        return parts.joined(separator: "  ")
    }
}
