/// One line of /proc/self/mounts, with octal escapes (`\040`) decoded.
public struct MountEntry: Sendable, Equatable {
    public var device: String
    public var mountPoint: String
    public var fsType: String
    public var options: String

    public init(device: String, mountPoint: String, fsType: String, options: String) {
        self.device = device
        self.mountPoint = mountPoint
        self.fsType = fsType
        self.options = options
    }
}

/// A mount whose statvfs failed or did not answer in time (a hung network mount).
public struct UnavailableMount: Sendable, Equatable {
    public var mount: MountEntry
    public var reason: String
    public init(mount: MountEntry, reason: String) {
        self.mount = mount
        self.reason = reason
    }
}

/// Space and inode usage of one mounted filesystem (statvfs).
public struct FilesystemUsage: Sendable, Equatable {
    public var mount: MountEntry
    public var sizeBytes: UInt64
    public var freeBytes: UInt64
    /// Free to unprivileged users (excludes the root reserve): what `df` calls Avail.
    public var availableBytes: UInt64
    public var files: UInt64
    public var filesFree: UInt64

    public init(mount: MountEntry, sizeBytes: UInt64, freeBytes: UInt64, availableBytes: UInt64, files: UInt64, filesFree: UInt64) {
        self.mount = mount
        self.sizeBytes = sizeBytes
        self.freeBytes = freeBytes
        self.availableBytes = availableBytes
        self.files = files
        self.filesFree = filesFree
    }

    /// Mounted read-only (`ro` among the options).
    public var isReadOnly: Bool { mount.options.split(separator: ",").contains("ro") }

    /// Used as `df` counts it: size − free.
    public var usedBytes: UInt64 { sizeBytes > freeBytes ? sizeBytes - freeBytes : 0 }

    /// Used fraction as `df` reports Use%: used / (used + available).
    public var usedFraction: Double {
        let denominator = usedBytes + availableBytes
        return denominator == 0 ? 0 : Double(usedBytes) / Double(denominator)
    }
}
