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

    /// Alerts to show: active before resolved, most severe first, then oldest first, then by labels.
    public var ordered: [AlertInstance] {
        instances.values.sorted { a, b in
            let aActive = a.phase != .resolved, bActive = b.phase != .resolved
            if aActive != bActive { return aActive }
            if a.severity != b.severity { return a.severity > b.severity }
            if a.activeSince != b.activeSince { return a.activeSince < b.activeSince }
            return a.labels < b.labels
        }
    }
}
