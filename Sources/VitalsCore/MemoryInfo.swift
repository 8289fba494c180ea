/// The parsed content of /proc/meminfo, values in bytes.
public struct MemoryInfo: Sendable, Equatable {
    /// Every field in file order, as `(name, bytes)`; `HugePages_*` counts are kept unscaled.
    public var fields: [(name: String, value: UInt64)]
    /// ZFS ARC size, when ZFS is loaded: reclaimable, so counted as cache.
    public var zfsARCBytes: UInt64?

    public init(fields: [(name: String, value: UInt64)]) {
        self.fields = fields
    }

    public subscript(_ name: String) -> UInt64? {
        fields.first { $0.name == name }?.value
    }

    public var total: UInt64 { self["MemTotal"] ?? 0 }
    public var free: UInt64 { self["MemFree"] ?? 0 }
    /// MemAvailable; kernels before 3.14 lack it, so fall back to free + buffers + cached.
    public var available: UInt64 { self["MemAvailable"] ?? (free + buffers + cached) }
    public var buffers: UInt64 { self["Buffers"] ?? 0 }
    public var cached: UInt64 { self["Cached"] ?? 0 }
    public var swapTotal: UInt64 { self["SwapTotal"] ?? 0 }
    public var swapFree: UInt64 { self["SwapFree"] ?? 0 }

    /// "Used" is defined once, everywhere: total − available.
    public var used: UInt64 { total > available ? total - available : 0 }
    public var swapUsed: UInt64 { swapTotal > swapFree ? swapTotal - swapFree : 0 }

    public static func == (lhs: MemoryInfo, rhs: MemoryInfo) -> Bool {
        lhs.fields.elementsEqual(rhs.fields) { $0.name == $1.name && $0.value == $1.value } && lhs.zfsARCBytes == rhs.zfsARCBytes
    }
}
