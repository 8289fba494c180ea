/// Failed containers the runtime no longer has: a container that crashed and was removed with it
/// (`docker run --rm`, a supervisor that cleans up) stays listed for `keepSeconds` after its
/// removal, or until a container of the same name runs again, so the crash is still in the `c`
/// view, on `/metrics` and before the rules when someone looks. A container that ended well is
/// forgotten at once.
public struct RemovedContainers: Sendable, Equatable {
    /// An hour: long enough for whoever is paged to look.
    public static let keepSeconds = 3600.0

    /// By id, each with `removedAt` set.
    public private(set) var kept: [String: ContainerInfo] = [:]

    public init() {}

    /// `container` went at `time`; kept when it failed.
    public mutating func removed(_ container: ContainerInfo, at time: Double) {
        guard container.isFailed, container.removedAt == nil else { return }
        var gone = container
        gone.removedAt = time
        kept[container.id] = gone
    }

    /// The containers listed before a new list that no longer has them went at `time` (they were
    /// removed while the runtime was out of reach).
    public mutating func relisted(before: [ContainerInfo], now present: [String: ContainerInfo], at time: Double) {
        for c in before where c.removedAt == nil && present[c.id] == nil { removed(c, at: time) }
    }

    /// Forgets what was removed more than `keepSeconds` ago, and a name that runs again.
    public mutating func prune(present: some Sequence<ContainerInfo>, now: Double) {
        let running = Set(present.filter { $0.state == .running || $0.state == .restarting }.map(\.name))
        kept = kept.filter { _, c in now - (c.removedAt ?? now) < Self.keepSeconds && !running.contains(c.name) }
    }

    public var containers: Dictionary<String, ContainerInfo>.Values { kept.values }
}
