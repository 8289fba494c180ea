import ProcFS
import VitalsCore

/// /proc/self/mounts + statvfs: usage of real filesystems, one entry per device.
///
/// statvfs runs with a deadline (`StatvfsProbe`): a mount that does not answer in time is listed as
/// unavailable and the tick goes on. Under a procfs root such as `/host/proc`, mount points are
/// looked up under `/host`, the root the mounts belong to.
public struct FilesystemCollector: Collector {
    public let name = "filesystem"
    private let procfs: ProcFS
    private let ignoredTypes: Set<String>
    private let probe: StatvfsProbe
    private let deadline: Duration
    private let hostRoot: String
    private var buffer = ReadBuffer(capacity: 8192)

    /// Pseudo and virtual filesystems that hold no user data (node_exporter's list, plus a few).
    public static let defaultIgnoredTypes: Set<String> = [
        "autofs", "binfmt_misc", "bpf", "cgroup", "cgroup2", "configfs", "debugfs", "devpts", "devtmpfs",
        "fusectl", "hugetlbfs", "iso9660", "mqueue", "nsfs", "overlay_internal", "proc", "procfs", "pstore",
        "rpc_pipefs", "securityfs", "selinuxfs", "squashfs", "sysfs", "tracefs", "tmpfs", "ramfs", "efivarfs",
        "fuse.lxcfs", "fuse.portal", "fuse.gvfsd-fuse", "nfsd",
    ]

    public init(
        procfs: ProcFS, ignoredTypes: Set<String> = FilesystemCollector.defaultIgnoredTypes, deadline: Duration = .milliseconds(500),
        probe: StatvfsProbe? = nil
    ) {
        self.procfs = procfs
        self.ignoredTypes = ignoredTypes
        self.deadline = deadline
        self.probe = probe ?? StatvfsProbe { path throws(FileError) in try procfs.filesystemStats(at: path) }
        let root = procfs.root
        hostRoot = root.hasSuffix("/proc") ? String(root.dropLast("/proc".count)) : ""
    }

    public mutating func collect(into snapshot: inout Snapshot) throws {
        let mounts = try MountEntry.parseAll(try procfs.read("self/mounts", into: &buffer))
        var seenDevices: Set<String> = []
        var usable: [FilesystemUsage] = []
        var unavailable: [UnavailableMount] = []
        for mount in Self.realMounts(mounts, ignoredTypes: ignoredTypes) {
            guard seenDevices.insert(mount.device).inserted else { continue }
            switch probe.stats(at: hostRoot + mount.mountPoint, deadline: deadline) {
            case let .stats(size, free, available, files, filesFree):
                guard size > 0 else { continue }
                usable.append(FilesystemUsage(mount: mount, sizeBytes: size, freeBytes: free, availableBytes: available, files: files, filesFree: filesFree))
            case let .failed(reason):
                unavailable.append(UnavailableMount(mount: mount, reason: reason))
            case .timedOut, .stillHung:
                unavailable.append(UnavailableMount(mount: mount, reason: "not responding (statvfs did not answer within \(deadline))"))
            }
        }
        snapshot.filesystems = usable
        snapshot.unavailableMounts = unavailable
    }

    public func carryOver(from previous: Snapshot, into snapshot: inout Snapshot) {
        snapshot.filesystems = previous.filesystems
        snapshot.unavailableMounts = previous.unavailableMounts
    }

    /// Mounts worth showing: not of an ignored type, and with a mount point that is real.
    public static func realMounts(_ mounts: [MountEntry], ignoredTypes: Set<String>) -> [MountEntry] {
        mounts.filter { m in
            !ignoredTypes.contains(m.fsType) && m.mountPoint.hasPrefix("/")
                && !m.mountPoint.hasPrefix("/proc") && !m.mountPoint.hasPrefix("/sys/")
        }
    }
}
