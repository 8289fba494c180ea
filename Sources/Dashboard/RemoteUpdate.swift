import SeriesStore
import VitalsCore

/// What a remote agent's feed (`vitals attach`) hands the run loop, in order.
public enum RemoteUpdate: Sendable {
    /// Connected, or connected again: the remote host's name and its agent's interval (seconds).
    case connected(host: String, interval: Double)
    /// Ticks the agent recorded that this dashboard has not seen (before it attached, or while the
    /// connection was down), oldest first; their samples are gauges.
    case backfill([RemoteTick])
    /// One live tick from the stream.
    case tick(RemoteTick)
    /// The connection is down: why, and when the next attempt starts (seconds since the epoch).
    case disconnected(reason: String, retryAt: Double)
}

/// One of the remote agent's ticks.
public struct RemoteTick: Sendable, Equatable {
    public var time: Double
    public var samples: [Sample]
    /// The tick's heaviest processes (nil in a backfill: the series API carries none).
    public var processes: [TopProcess]?

    public init(time: Double, samples: [Sample], processes: [TopProcess]? = nil) {
        self.time = time
        self.samples = samples
        self.processes = processes
    }
}

/// A remote agent's feed. The dashboard knows nothing of the wire: the executable hands it one
/// (the WebSocket client lives on the agent's side of the build, with its HTTP stack).
public protocol RemoteFeed: Sendable {
    /// What is attached to, for the status line and messages (the URL).
    var label: String { get }
    /// Starts delivering updates, in order, from the feed's own threads; it reconnects by itself.
    func start(deliver: @escaping @Sendable (RemoteUpdate) -> Void)
    /// Stops, and closes the connection.
    func stop()
}
