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
    /// Milliseconds spent on reads and on writes (the basis of average wait).
    public var readMilliseconds: UInt64 = 0
    public var writeMilliseconds: UInt64 = 0
    /// The other diskstats columns, as node_exporter serves them: reads and writes merged, I/Os in
    /// flight, weighted I/O milliseconds, then (kernels ≥ 4.18) discards completed, merged, sectors
    /// and milliseconds, then (≥ 5.5) flushes and flush milliseconds. Missing columns are absent.
    public var otherCounters: [UInt64] = []
    /// A device-mapper device's name from sysfs (`vg0-root` for `dm-0`); nil for other devices.
    public var mapperName: String?
    /// True for a whole disk (listed under /sys/block), false for a partition.
    public var isWholeDisk: Bool

    public var readBytesPerSecond: Double?
    public var writeBytesPerSecond: Double?
    public var readsPerSecond: Double?
    public var writesPerSecond: Double?
    /// Share of the interval the device was busy (0…1), as iostat's %util.
    public var busyFraction: Double?
    /// Average time an I/O completed in this interval took, in milliseconds (iostat's await).
    public var averageWaitMilliseconds: Double?

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

    /// The name to show: the mapper name when there is one.
    public var displayName: String { mapperName ?? name }

    public var readBytes: UInt64 { sectorsRead &* DiskIO.sectorBytes }
    public var writtenBytes: UInt64 { sectorsWritten &* DiskIO.sectorBytes }
}
