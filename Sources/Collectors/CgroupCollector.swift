import ProcFS
import VitalsCore

/// cgroup v2 usage of every cgroup that holds a process (services, containers, pods, sessions),
/// and the limits of the cgroup vitals itself runs in.
///
/// The v2 hierarchy is found from the mounts (`cgroup2`, at /sys/fs/cgroup or, on hybrid systems,
/// /sys/fs/cgroup/unified) and read under the sysfs root. Files a controller does not provide are
/// left nil. Runs after the process collector, whose cgroup paths it groups.
public struct CgroupCollector: Collector {
    public let name = "cgroups"
    private let procfs: ProcFS
    private let sysfs: SysFS
    /// Where vitals' own `self/cgroup` is read: the real /proc (tests inject a fixture).
    private let selfProcfs: ProcFS
    private var buffer = ReadBuffer(capacity: 4096)
    private var hierarchy: String??

    public init(procfs: ProcFS, sysfs: SysFS, selfProcfs: ProcFS = ProcFS()) {
        self.procfs = procfs
        self.sysfs = sysfs
        self.selfProcfs = selfProcfs
    }

    public mutating func collect(into snapshot: inout Snapshot) throws {
        guard let base = try unifiedHierarchy() else {
            snapshot.cgroups = []
            return
        }
        var members: [String: Int] = [:]
        for p in snapshot.processes ?? [] {
            if let path = p.cgroup, path != "/" { members[path, default: 0] += 1 }
        }
        var result: [CgroupUsage] = []
        result.reserveCapacity(members.count)
        for (path, count) in members.sorted(by: { $0.key < $1.key }) {
            var usage = CgroupUsage(path: path, name: Self.readableName(path), processCount: count)
            let dir = base + path + "/"
            usage.cpuUsageMicroseconds = read(dir + "cpu.stat").flatMap(CgroupFiles.cpuUsageMicroseconds)
            usage.memoryCurrentBytes = read(dir + "memory.current").flatMap(CgroupFiles.bytesOrMax)
            usage.memoryMaxBytes = read(dir + "memory.max").flatMap(CgroupFiles.bytesOrMax)
            if let io = read(dir + "io.stat").map(CgroupFiles.ioBytes) {
                usage.ioReadBytes = io.read
                usage.ioWriteBytes = io.write
            }
            result.append(usage)
        }
        snapshot.cgroups = result
        snapshot.selfLimits = selfLimits(base: base)
    }

    public func carryOver(from previous: Snapshot, into snapshot: inout Snapshot) {
        snapshot.cgroups = previous.cgroups
        snapshot.selfLimits = previous.selfLimits
    }

    /// The tightest memory and CPU limits on the path from vitals' own cgroup up to the root.
    private mutating func selfLimits(base: String) -> SelfLimits? {
        guard let own = (try? selfProcfs.read("self/cgroup", into: &buffer)).flatMap(ProcessFiles.cgroupV2Path) else { return nil }
        var memory: UInt64?
        var cores: Double?
        var path = own
        while true {
            let dir = base + (path == "/" ? "" : path) + "/"
            if let m = read(dir + "memory.max").flatMap(CgroupFiles.bytesOrMax) { memory = min(memory ?? .max, m) }
            if let c = read(dir + "cpu.max").flatMap(CgroupFiles.cpuCores) { cores = min(cores ?? .infinity, c) }
            guard path != "/", let slash = path.lastIndex(of: "/") else { break }
            path = slash == path.startIndex ? "/" : String(path[..<slash])
        }
        let limits = SelfLimits(cgroupPath: own, memoryMaxBytes: memory, cpuCores: cores)
        return limits.isLimited ? limits : nil
    }

    private mutating func read(_ relative: String) -> ArraySlice<UInt8>? {
        try? sysfs.read(relative, into: &buffer)
    }

    /// The v2 mount point as a path relative to the sysfs root, found once; nil on a v1-only host.
    private mutating func unifiedHierarchy() throws -> String? {
        if let known = hierarchy { return known }
        let mounts = try MountEntry.parseAll(try procfs.read("self/mounts", into: &buffer))
        let found = mounts.first { $0.fsType == "cgroup2" && $0.mountPoint.hasPrefix("/sys/") }
            .map { String($0.mountPoint.dropFirst("/sys/".count)) }
        hierarchy = .some(found)
        return found
    }

    /// `/system.slice/nginx.service` → `nginx.service`; container scopes (and the group crun makes
    /// below one, `libpod-ID.scope/container`) → `docker:<id>`, `podman:<id>`, `k8s:<id>` (12 hex
    /// digits); anything else → its last path component.
    public static func readableName(_ path: String) -> String {
        if let scope = CgroupUsage.containerScope(inPath: path), let runtime = scope.runtime {
            return (path.contains("kubepods") ? "k8s" : runtime) + ":" + scope.id.prefix(12)
        }
        return path.split(separator: "/").last.map(String.init) ?? path
    }
}
