import Alerting
import VitalsCore

/// What the pipeline hands its observers after recording a tick: the screen, the stream hub and
/// the `/metrics` page all see the same value.
public struct Tick: Sendable {
    public var snapshot: Snapshot
    /// The snapshot flattened under Prometheus names (what the store and the stream take).
    public var samples: [Sample]
    /// The alert engine's changes at this tick.
    public var transitions: [AlertTransition]
    /// Collectors whose health changed at this tick (failing now, or recovered).
    public var healthChanges: [CollectorHealth]

    public init(snapshot: Snapshot, samples: [Sample], transitions: [AlertTransition] = [], healthChanges: [CollectorHealth] = []) {
        self.snapshot = snapshot
        self.samples = samples
        self.transitions = transitions
        self.healthChanges = healthChanges
    }
}

/// What observers are told.
public enum PipelineEvent: Sendable {
    /// A tick was recorded.
    case tick(Tick)
    /// The older history (the history file's second pass) is in the store: graphs reach further back.
    case historyLoaded
}
