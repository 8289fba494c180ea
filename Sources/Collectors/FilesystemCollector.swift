import ProcFS
import VitalsCore

/// /proc/self/mounts + statvfs: usage of real filesystems, one entry per device.
public struct FilesystemCollector: Collector {
    public let name = "filesystem"
    private let procfs: ProcFS
    private let ignoredTypes: Set<String>
    private var buffer = ReadBuffer(capacity: 8192)

    /// Pseudo and virtual filesystems that hold no user data (node_exporter's list, plus a few).
    public static let defaultIgnoredTypes: Set<String> = [
        "autofs", "binfmt_misc", "bpf", "cgroup", "cgroup2", "configfs", "debugfs", "devpts", "devtmpfs",
        "fusectl", "hugetlbfs", "iso9660", "mqueue", "nsfs", "overlay_internal", "proc", "procfs", "pstore",
        "rpc_pipefs", "securityfs", "selinuxfs", "squashfs", "sysfs", "tracefs", "tmpfs", "ramfs", "efivarfs",
        "fuse.lxcfs", "fuse.portal", "fuse.gvfsd-fuse", "nfsd",
    ]

    public init(procfs: ProcFS, ignoredTypes: Set<String> = FilesystemCollector.defaultIgnoredTypes) {
        self.procfs = procfs
        self.ignoredTypes = ignoredTypes
    }

    public mutating func collect(into snapshot: inout Snapshot) throws {
        let mounts = try MountEntry.parseAll(try procfs.read("self/mounts", into: &buffer))
        var seenDevices: Set<String> = []
        var result: [FilesystemUsage] = []
        for mount in Self.realMounts(mounts, ignoredTypes: ignoredTypes) where seenDevices.insert(mount.device).inserted {
            // A mount that cannot be stat'ed (permission, gone) is skipped; the others still count.
            guard let st = try? procfs.filesystemStats(at: mount.mountPoint), st.size > 0 else { continue }
            result.append(FilesystemUsage(
                mount: mount, sizeBytes: st.size, freeBytes: st.free, availableBytes: st.available,
                files: st.files, filesFree: st.filesFree
            ))
        }
        snapshot.filesystems = result
    }

    /// Mounts worth showing: not of an ignored type, and with a device or mount point that is real.
    public static func realMounts(_ mounts: [MountEntry], ignoredTypes: Set<String>) -> [MountEntry] {
        mounts.filter { m in
            !ignoredTypes.contains(m.fsType) && m.mountPoint.hasPrefix("/")
                && !m.mountPoint.hasPrefix("/proc") && !m.mountPoint.hasPrefix("/sys/")
        }
    }
}
