import Rendering
import VitalsCore

/// The process table's rows: filtered, ordered, capped; and the selected row's detail line.
enum ProcessTable {
    /// Processes matching `filter` (case-insensitive, in name, command line or user); the list
    /// itself, not a copy, when there is no filter.
    static func matching(_ list: [ProcessSample], filter: String, user: String? = nil, hideKernelThreads: Bool = false) -> [ProcessSample] {
        let needle = filter.lowercased()
        guard !needle.isEmpty || user != nil || hideKernelThreads else { return list }
        return list.filter { p in
            if hideKernelThreads, isKernelThread(p) { return false }
            if let user, (p.user ?? String(p.uid)) != user { return false }
            return needle.isEmpty || p.name.lowercased().contains(needle) || (p.user?.lowercased().contains(needle) ?? false)
                || (p.commandLine?.lowercased().contains(needle) ?? false)
        }
    }

    /// A kernel thread: kthreadd (pid 2) and its children, as htop tells them apart.
    static func isKernelThread(_ p: ProcessSample) -> Bool {
        p.pid == 2 || p.ppid == 2
    }

    /// The first `limit` of `matching` in `sort` order; ties by resident memory, then pid, so the
    /// order is stable between ticks. Only the rows asked for are copied: the flat table shows a
    /// few dozen of a thousand processes, and a sorted copy of all of them was 230 KB of each frame.
    static func ordered(_ matching: [ProcessSample], sort: ProcessSort, reversed: Bool = false, limit: Int = .max) -> [ProcessSample] {
        // Sort indices over precomputed keys: moving whole samples (a few hundred bytes each, with
        // strings) through a sort of a thousand processes was the largest cost of a frame.
        let count = matching.count
        var order = Array(0..<count)
        let rss = matching.map(\.residentBytes)
        let pids = matching.map(\.pid)
        func tie(_ a: Int, _ b: Int) -> Bool { rss[a] != rss[b] ? rss[a] > rss[b] : pids[a] < pids[b] }
        switch sort {
        case .cpu, .memory, .io, .time, .virtual, .threads, .nice:
            let keys: [Double] = switch sort {
            case .cpu: matching.map { $0.cpuPercent ?? 0 }
            case .memory: rss.map { Double($0) }
            case .time: matching.map { Double($0.cpuTicks) }
            case .virtual: matching.map { Double($0.virtualBytes) }
            case .threads: matching.map { Double($0.threads) }
            case .nice: matching.map { Double($0.nice) }
            default: matching.map { $0.ioBytesPerSecond ?? -1 }
            }
            order.sort { keys[$0] != keys[$1] ? keys[$0] > keys[$1] : tie($0, $1) }
        case .pid:
            order.sort { pids[$0] < pids[$1] }
        case .name:
            let names = matching.map { $0.name.lowercased() }
            order.sort { names[$0] != names[$1] ? names[$0] < names[$1] : pids[$0] < pids[$1] }
        case .user:
            let users = matching.map { $0.user ?? "" }
            order.sort { users[$0] != users[$1] ? users[$0] < users[$1] : tie($0, $1) }
        }
        if reversed { order.reverse() }
        return order.prefix(limit).map { matching[$0] }
    }

    /// The tree view: every process after its parent, siblings in `ordered`'s order, each with the
    /// branch to draw before its name. A process whose parent is not in the list is a root. Below a
    /// pid in `collapsed` nothing is listed; its branch ends in `+` (htop's mark).
    static func tree(_ ordered: [ProcessSample], collapsed: Set<Int32> = []) -> [(process: ProcessSample, prefix: String)] {
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
            let kids = children[p.pid] ?? []
            let folded = !kids.isEmpty && collapsed.contains(p.pid)
            out.append((p, indent + branch + (folded ? "+ " : "")))
            if folded { return }
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
