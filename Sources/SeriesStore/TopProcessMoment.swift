/// The heaviest processes at a past time: one tick's (`width` 0), or a coarse bucket's, where each
/// process carries its highest CPU, memory and I/O within the bucket.
public struct TopProcessMoment: Sendable, Equatable {
    /// The tick's time, or the bucket's start.
    public var time: Double
    /// Seconds the moment spans: 0 for a tick, the bucket's width otherwise.
    public var width: Double
    /// Heaviest CPU first.
    public var processes: [TopProcess]

    public init(time: Double, width: Double, processes: [TopProcess]) {
        self.time = time
        self.width = width
        self.processes = processes
    }
}
