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
    /// The agent's alerts as they stand (on connect, and after a tick that changed them).
    case alerts([RemoteAlert])
}

/// One of the remote agent's alerts, as its `/api/v1/alerts` lists it.
public struct RemoteAlert: Sendable, Equatable {
    public var rule: String
    /// `info`, `warning` or `critical`.
    public var severity: String
    /// `firing`, `pending` or `nodata`.
    public var state: String
    /// When its condition first held.
    public var activeSince: Double

    public init(rule: String, severity: String, state: String, activeSince: Double) {
        self.rule = rule
        self.severity = severity
        self.state = state
        self.activeSince = activeSince
    }
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
    /// `r`: ends the wait before the next connection attempt; false when the feed is not waiting
    /// (it is connected, or connecting now).
    func retryNow() -> Bool
}
