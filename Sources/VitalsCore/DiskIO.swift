/// One block device's counters from /proc/diskstats, and rates derived from the previous tick.
public struct DiskIO: Sendable, Equatable {
    public var name: String
    public var major: UInt32
    public var minor: UInt32
    public var readsCompleted: UInt64
    public var sectorsRead: UInt64
    public var writesCompleted: UInt64
    public var sectorsWritten: UInt64
    /// Milliseconds spent doing I/O (the basis of busy %).
    public var ioMilliseconds: UInt64
    /// True for a whole disk (listed under /sys/block), false for a partition.
    public var isWholeDisk: Bool

    public var readBytesPerSecond: Double?
    public var writeBytesPerSecond: Double?

    /// Sectors in diskstats are always 512 bytes, whatever the device's own sector size.
    public static let sectorBytes: UInt64 = 512

    public init(
        name: String, major: UInt32, minor: UInt32, readsCompleted: UInt64, sectorsRead: UInt64,
        writesCompleted: UInt64, sectorsWritten: UInt64, ioMilliseconds: UInt64, isWholeDisk: Bool = true
    ) {
        self.name = name
        self.major = major
        self.minor = minor
        self.readsCompleted = readsCompleted
        self.sectorsRead = sectorsRead
        self.writesCompleted = writesCompleted
        self.sectorsWritten = sectorsWritten
        self.ioMilliseconds = ioMilliseconds
        self.isWholeDisk = isWholeDisk
    }

    public var readBytes: UInt64 { sectorsRead &* DiskIO.sectorBytes }
    public var writtenBytes: UInt64 { sectorsWritten &* DiskIO.sectorBytes }
}
