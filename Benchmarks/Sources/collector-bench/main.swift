import Collectors
import Glibc
import MallocInterposerSwift
import ProcFS
import VitalsCore

// The cost of one collection tick, with the machine's processes plus N spawned idle ones:
// wall and CPU time per tick, per process, read syscalls (kernel-counted, /proc/self/io) and
// allocations (malloc interposer, preloaded by scripts/bench-collectors.sh) per tick.

struct Options {
    var extra = [0, 1000, 10000]
    var ticks = 30
}

func parseOptions() -> Options {
    var options = Options()
    var args = CommandLine.arguments.dropFirst()
    while let arg = args.popFirst() {
        switch arg {
        case "--extra": options.extra = (args.popFirst() ?? "").split(separator: ",").compactMap { Int($0) }
        case "--ticks": options.ticks = Int(args.popFirst() ?? "") ?? options.ticks
        default:
            print("usage: collector-bench [--extra 0,1000,10000] [--ticks 30]")
            exit(2)
        }
    }
    return options
}

/// Spawns `count` `sleep 600` children; returns their pids.
func spawnSleepers(_ count: Int) -> [pid_t] {
    var pids: [pid_t] = []
    pids.reserveCapacity(count)
    let argv: [UnsafeMutablePointer<CChar>?] = [strdup("sleep"), strdup("600"), nil]
    for _ in 0..<count {
        var pid: pid_t = 0
        if posix_spawn(&pid, "/bin/sleep", nil, nil, argv, environ) == 0 { pids.append(pid) }
    }
    return pids
}

func stopSleepers(_ pids: [pid_t]) {
    for pid in pids { kill(pid, SIGKILL) }
    for pid in pids { waitpid(pid, nil, 0) }
}

func readSyscalls() -> UInt64 {
    var buffer = ReadBuffer(capacity: 1024)
    guard let bytes = try? ProcFS().read("self/io", into: &buffer) else { return 0 }
    var c = ByteCursor(bytes)
    while !c.isAtEnd {
        if ByteCursor.equals(c.token(), "syscr:") { return c.uint64() ?? 0 }
        c.skipLine()
    }
    return 0
}

func threadCPU() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func wall() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func mean(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }

func median(_ values: [Double]) -> Double {
    let s = values.sorted()
    return s.isEmpty ? 0 : (s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2)
}

struct Result {
    var name: String
    var processes: Int
    var wallMicros: Double
    var cpuMicros: Double
    var readSyscalls: Double
    var mallocs: Double
    var carried: Double
}

/// Mean time, read syscalls and carried-over processes per tick (idle processes are read every
/// other tick, so ticks alternate and the mean is the cost per second) and median allocations,
/// over `ticks` ticks after the warm-up.
func measure(_ name: String, ticks: Int, registry: CollectorRegistry<ContinuousClock>) -> Result {
    // Eight warm-up ticks: the idle-process policy needs five reads before it skips anything.
    for _ in 0..<8 { _ = registry.collect() }
    var walls: [Double] = [], cpus: [Double] = [], reads: [Double] = [], mallocs: [Double] = [], carried: [Double] = []
    var processes = 0
    // The measurement's own /proc/self/io read costs read syscalls too; measure it and subtract.
    let probeStart = readSyscalls()
    let probeCost = Double(readSyscalls() - probeStart)
    for _ in 0..<ticks {
        let r0 = readSyscalls()
        MallocInterposerSwift.reset()
        MallocInterposerSwift.hook()
        let w0 = wall(), c0 = threadCPU()
        let snapshot = registry.collect()
        let c1 = threadCPU(), w1 = wall()
        MallocInterposerSwift.unhook()
        let stats = MallocInterposerSwift.getStatistics()
        let r1 = readSyscalls()
        walls.append((w1 - w0) * 1e6)
        cpus.append((c1 - c0) * 1e6)
        reads.append(Double(r1 - r0) - probeCost)
        mallocs.append(Double(stats.mallocCount))
        processes = snapshot.processes?.count ?? processes
        carried.append(Double(snapshot.processes?.filter(\.isCarriedOver).count ?? 0))
        if let failure = snapshot.health.first(where: \.lastRunFailed) {
            print("collector \(failure.name) failed: \(failure.lastError ?? "?")")
        }
    }
    return Result(name: name, processes: processes, wallMicros: mean(walls), cpuMicros: mean(cpus), readSyscalls: reads.reduce(0, +) / Double(max(reads.count, 1)), mallocs: median(mallocs),
        carried: carried.reduce(0, +) / Double(max(carried.count, 1)))
}

let options = parseOptions()
MallocInterposerSwift.initialize()
let procfs = ProcFS(), sysfs = SysFS()
print("config        procs  wall_us/tick  cpu_us/tick  cpu_us/proc  read_syscalls/proc  mallocs/tick  mallocs/proc  carried/tick")
for extra in options.extra {
    let sleepers = spawnSleepers(extra)
    defer { stopSleepers(sleepers) }
    usleep(300_000)
    let request = ProcessDetailRequest()
    // One registry at a time, as in vitals: each keeps a stat file open per process.
    let processOnly = measure(
        "processes", ticks: options.ticks,
        registry: CollectorRegistry(collectors: [ProcessCollector(procfs: procfs, details: .none)], clock: ContinuousClock())
    )
    let full = CollectorRegistry(
        collectors: StandardCollectors.make(procfs: procfs, sysfs: sysfs, processDetails: .requested(request)),
        intervals: StandardCollectors.defaultIntervals, clock: ContinuousClock()
    )
    // A dashboard shows about 40 rows: their command lines and I/O are read too.
    request.set(Set(full.collect().processes?.prefix(40).map(\.pid) ?? []))
    for result in [processOnly, measure("full tick", ticks: options.ticks, registry: full)] {
        let n = Double(max(result.processes, 1))
        func col(_ v: Double, _ width: Int, _ digits: Int = 0) -> String {
            var s = digits == 0 ? String(Int(v.rounded())) : String(Int(v)) + "." + String(Int((v - Double(Int(v))) * 100 + 100)).dropFirst()
            while s.count < width { s = " " + s }
            return s
        }
        print(
            (result.name + " +" + String(extra)).padding(13) + col(Double(result.processes), 6) + col(result.wallMicros, 14) + col(result.cpuMicros, 13)
                + col(result.cpuMicros / n, 13, 2) + col(result.readSyscalls / n, 20, 2) + col(result.mallocs, 14) + col(result.mallocs / n, 14, 2) + col(result.carried, 14)
        )
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
