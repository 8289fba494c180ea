/// Facts about the host and about vitals itself at one tick.
public struct HostInfo: Sendable, Equatable {
    public var hostname: String
    public var uptimeSeconds: Double?
    /// vitals' own CPU over the last interval, % of one core.
    public var selfCPUPercent: Double?
    public var selfResidentBytes: UInt64?
    /// vitals' own cumulative CPU seconds (user + system).
    public var selfCPUSeconds: Double

    public init(hostname: String, uptimeSeconds: Double? = nil, selfCPUPercent: Double? = nil, selfResidentBytes: UInt64? = nil, selfCPUSeconds: Double = 0) {
        self.hostname = hostname
        self.uptimeSeconds = uptimeSeconds
        self.selfCPUPercent = selfCPUPercent
        self.selfResidentBytes = selfResidentBytes
        self.selfCPUSeconds = selfCPUSeconds
    }
}
