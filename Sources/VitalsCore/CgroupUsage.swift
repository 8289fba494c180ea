/// Resource use of one cgroup v2 (a systemd service, a container, a pod).
public struct CgroupUsage: Sendable, Equatable {
    /// Path below the cgroup root, such as `/system.slice/nginx.service`.
    public var path: String
    /// A readable name: `nginx.service`, `docker:3f2a9c1b7e4d`, `k8s:…`, `podman:…`.
    public var name: String
    public var cpuUsageMicroseconds: UInt64?
    public var memoryCurrentBytes: UInt64?
    /// nil when unlimited ("max").
    public var memoryMaxBytes: UInt64?
    public var ioReadBytes: UInt64?
    public var ioWriteBytes: UInt64?
    /// Processes in the cgroup at this tick.
    public var processCount: Int

    /// CPU used over the last interval, % of one core.
    public var cpuPercent: Double?
    public var ioReadBytesPerSecond: Double?
    public var ioWriteBytesPerSecond: Double?

    public init(path: String, name: String, processCount: Int = 0) {
        self.path = path
        self.name = name
        self.processCount = processCount
    }

    /// A container scope's prefix and the runtime it names: `docker-ID.scope`, `libpod-ID.scope`.
    public static let containerScopes = [("docker-", "docker"), ("libpod-", "podman"), ("cri-containerd-", "containerd"), ("crio-", "crio")]

    /// The container a cgroup path names: a systemd scope (`docker-ID.scope`: its runtime and id),
    /// the cgroupfs driver's directory (`/docker/ID`: an id alone), or the group below either
    /// (crun's `libpod-ID.scope/container`); nil for any other cgroup. At least 12 hex digits (a
    /// full id has 64).
    public static func containerScope(inPath path: String) -> (runtime: String?, id: Substring)? {
        for component in path.split(separator: "/").suffix(2).reversed() {
            let scope = component.hasSuffix(".scope") ? component.dropLast(".scope".count) : component
            let runtime = containerScopes.first { scope.hasPrefix($0.0) }
            let id = runtime.map { scope.dropFirst($0.0.count) } ?? scope
            if id.count >= 12, id.allSatisfy(\.isHexDigit) { return (runtime?.1, id) }
        }
        return nil
    }

    /// The container id a cgroup path names (`containerScope`).
    public static func containerID(inPath path: String) -> Substring? { containerScope(inPath: path)?.id }

    /// The cgroups that belong to containers, by container id (the runtime's full id).
    public static func byContainerID(_ cgroups: [CgroupUsage]) -> [String: CgroupUsage] {
        Dictionary(cgroups.compactMap { c in containerID(inPath: c.path).map { (String($0), c) } }, uniquingKeysWith: { a, _ in a })
    }
}

/// The limits of the cgroup vitals itself runs in, when it has any.
public struct SelfLimits: Sendable, Equatable {
    public var cgroupPath: String
    public var memoryMaxBytes: UInt64?
    /// CPU quota in cores (`cpu.max` quota / period); nil when unlimited.
    public var cpuCores: Double?

    public init(cgroupPath: String, memoryMaxBytes: UInt64?, cpuCores: Double?) {
        self.cgroupPath = cgroupPath
        self.memoryMaxBytes = memoryMaxBytes
        self.cpuCores = cpuCores
    }

    public var isLimited: Bool { memoryMaxBytes != nil || cpuCores != nil }
}
