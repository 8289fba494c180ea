/// One closed coarse bucket's heaviest processes, as written to and read from the history file.
public struct PersistedTopProcesses: Sendable, Equatable {
    /// Index into `StoreRetention.tiers`.
    public var tier: Int
    /// Bucket number: `floor(time / width)`, as for series buckets.
    public var bucket: Int
    public var processes: [TopProcess]

    public init(tier: Int, bucket: Int, processes: [TopProcess]) {
        self.tier = tier
        self.bucket = bucket
        self.processes = processes
    }
}
