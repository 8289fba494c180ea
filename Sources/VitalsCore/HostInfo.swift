/// Facts about the host and about vitals itself at one tick.
public struct HostInfo: Sendable, Equatable {
    public var hostname: String
    public var uptimeSeconds: Double?
    /// vitals' own CPU over the last interval, % of one core.
    public var selfCPUPercent: Double?
    public var selfResidentBytes: UInt64?
    /// vitals' own cumulative CPU seconds (user + system).
    public var selfCPUSeconds: Double
    /// vitals' own virtual size, open and most file descriptors, address-space limit and start
    /// time (Unix seconds): node_exporter's process_* family.
    public var selfVirtualBytes: UInt64?
    public var selfOpenFDs: Int?
    public var selfMaxFDs: UInt64?
    public var selfVirtualMaxBytes: UInt64?
    public var selfStartTime: Double?

    public init(hostname: String, uptimeSeconds: Double? = nil, selfCPUPercent: Double? = nil, selfResidentBytes: UInt64? = nil, selfCPUSeconds: Double = 0) {
        self.hostname = hostname
        self.uptimeSeconds = uptimeSeconds
        self.selfCPUPercent = selfCPUPercent
        self.selfResidentBytes = selfResidentBytes
        self.selfCPUSeconds = selfCPUSeconds
    }
}
