import Logging
import Pipeline
import Synchronization
import VitalsCore

/// What a server does with each of the pipeline's ticks: a collector's health changing is worth
/// a log line (once), and the tick goes to the stream's clients.
struct AgentObserver: Sendable {
    let hub: StreamHub
    /// The stream's `source` (`vitals@HOST`).
    let source: String
    /// Nil: no log (`vitals --serve`, whose terminal is the dashboard's).
    let logger: Logger?
    /// The containers' statuses last sent, so each tick sends only what changed.
    let containers = ContainerStatusTracker()

    func see(_ event: PipelineEvent) {
        guard case let .tick(tick) = event else { return }
        if let logger {
            for health in tick.healthChanges {
                if health.isHealthy {
                    logger.info("collector recovered", metadata: ["collector": "\(health.name)"])
                } else {
                    logger.warning("collector failing", metadata: ["collector": "\(health.name)", "error": "\(health.lastError ?? "?")"])
                }
            }
        }
        // Tracked whether or not anyone listens, so a client that connects later hears of changes
        // from then on (it had every status on connect).
        let changed = containers.changes(tick.snapshot.containers)
        let kinds = hub.kinds
        guard kinds.frames + kinds.web > 0 else { return }
        let frame = kinds.frames == 0 ? nil : StreamMessages.tick(
            tick.snapshot, samples: tick.samples, transitions: tick.transitions, health: tick.healthChanges, source: source, containers: changed
        )
        let items = kinds.web == 0 ? nil : WebStreamMessages.tick(tick.snapshot, transitions: tick.transitions, containers: changed)
        hub.broadcast(frame: frame, items: items)
    }
}
