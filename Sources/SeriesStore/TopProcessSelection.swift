import VitalsCore

/// Which processes a moment keeps: the union of the `perOrder` heaviest by CPU, by resident memory
/// and by I/O. A process with no CPU (or no I/O) is never among the heaviest by it, so a quiet host
/// keeps about `perOrder` records a tick instead of `3 × perOrder`. Heaviest CPU first; ties by pid.
///
/// Runs every tick over every process: each order is a bounded insertion into its `perOrder` best
/// (one comparison for most processes), not a sort.
public enum TopProcessSelection {
    public static func heaviest(_ candidates: [TopProcess], perOrder: Int) -> [TopProcess] {
        heaviestIndices(
            count: candidates.count, perOrder: perOrder, pid: { candidates[$0].pid }, cpu: { candidates[$0].cpuPercent },
            memory: { Double(candidates[$0].residentBytes) }, io: { candidates[$0].ioBytesPerSecond }
        ).map { candidates[$0] }
    }

    /// The same choice over collected processes: only the few chosen become records.
    public static func heaviest(samples processes: [ProcessSample], perOrder: Int) -> [TopProcess] {
        heaviestIndices(
            count: processes.count, perOrder: perOrder, pid: { processes[$0].pid }, cpu: { processes[$0].cpuPercent ?? 0 },
            memory: { Double(processes[$0].residentBytes) }, io: { processes[$0].ioBytesPerSecond ?? 0 }
        ).map { TopProcess(processes[$0]) }
    }

    /// The same choice over any collection, by index: the indices chosen, heaviest CPU first.
    public static func heaviestIndices(
        count: Int, perOrder: Int, pid: (Int) -> Int32, cpu: (Int) -> Double, memory: (Int) -> Double, io: (Int) -> Double
    ) -> [Int] {
        guard perOrder > 0, count > 0 else { return [] }
        func best(_ value: (Int) -> Double, skippingZero: Bool) -> [Int] {
            var top: [Int] = []
            top.reserveCapacity(perOrder + 1)
            func heavier(_ a: Int, _ b: Int) -> Bool {
                let x = value(a), y = value(b)
                return x != y ? x > y : pid(a) < pid(b)
            }
            for i in 0..<count {
                if skippingZero, !(value(i) > 0) { continue }
                if top.count == perOrder, let last = top.last, !heavier(i, last) { continue }
                var at = top.count
                while at > 0, heavier(i, top[at - 1]) { at -= 1 }
                top.insert(i, at: at)
                if top.count > perOrder { top.removeLast() }
            }
            return top
        }
        var chosen = best(cpu, skippingZero: true)
        for i in best(memory, skippingZero: false) + best(io, skippingZero: true) where !chosen.contains(i) { chosen.append(i) }
        return chosen.sorted { a, b in
            let x = cpu(a), y = cpu(b)
            return x != y ? x > y : pid(a) < pid(b)
        }
    }
}
