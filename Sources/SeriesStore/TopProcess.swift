import VitalsCore

/// One of the heaviest processes of a moment, as time travel shows it: enough to name the process
/// and say what it cost, nothing that needs the live system (so another host's history replays).
public struct TopProcess: Sendable, Equatable {
    public var pid: Int32
    /// The process name (`comm`, at most 15 bytes, so it is held inline).
    public var name: String
    public var user: String
    public var cpuPercent: Double
    public var residentBytes: UInt64
    /// Read plus written bytes per second; 0 when its I/O was not read that tick (the dashboard reads
    /// /proc/PID/io for the rows on screen only).
    public var ioBytesPerSecond: Double

    public init(pid: Int32, name: String, user: String, cpuPercent: Double, residentBytes: UInt64, ioBytesPerSecond: Double) {
        self.pid = pid
        self.name = name
        self.user = user
        self.cpuPercent = cpuPercent
        self.residentBytes = residentBytes
        self.ioBytesPerSecond = ioBytesPerSecond
    }

    /// A collected process as time travel keeps it (a user name not resolved yet: the uid).
    public init(_ sample: ProcessSample) {
        self.init(
            pid: sample.pid, name: sample.name, user: sample.user ?? String(sample.uid), cpuPercent: sample.cpuPercent ?? 0,
            residentBytes: sample.residentBytes, ioBytesPerSecond: sample.ioBytesPerSecond ?? 0
        )
    }
}
