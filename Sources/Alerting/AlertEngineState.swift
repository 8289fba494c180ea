/// Everything the engine remembers between evaluations.
public struct AlertEngineState: Sendable, Equatable {
    /// Pending, firing, nodata and recently resolved alerts, by labels.
    public var instances: [AlertLabels: AlertInstance] = [:]
    /// The last firing notification per fingerprint (cooldown outlives an episode: a flapping
    /// alert is not re-announced until its cooldown has passed).
    public var lastNotified: [String: Double] = [:]
    public var silences: [AlertSilence] = []

    public init() {}

    public func isSilenced(_ instance: AlertInstance, at time: Double) -> Bool {
        silences.contains { $0.covers(instance, at: time) }
    }

    /// Alerts to show, most severe first, then oldest first.
    public var ordered: [AlertInstance] {
        instances.values.sorted {
            ($0.phase == .resolved ? 0 : 1, $0.severity.rank, -$0.activeSince, $0.labels.description)
                > ($1.phase == .resolved ? 0 : 1, $1.severity.rank, -$1.activeSince, $1.labels.description)
        }
    }
}
