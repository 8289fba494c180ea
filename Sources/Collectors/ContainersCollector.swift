import ContainerRuntime
import VitalsCore

/// The container runtime's containers, as its watcher last saw them (no I/O on the tick). Without
/// a runtime (no socket, no permission, no answer) it fails with the reason, which
/// `vitals_collector_success{collector="containers"}` and the dashboard report; cgroups still
/// show the containers' use.
public struct ContainersCollector: Collector {
    public let name = "containers"
    let watcher: ContainerWatcher

    public init(watcher: ContainerWatcher) {
        self.watcher = watcher
    }

    public struct Unavailable: Error, CustomStringConvertible {
        public var description: String
    }

    public mutating func collect(into snapshot: inout Snapshot) throws {
        let view = watcher.view
        if let reading = view.reading {
            snapshot.containers = reading
        } else if let problem = view.problem {
            throw Unavailable(description: problem.description)
        }
        // Neither yet: the first answer is on its way; not a failure.
    }

    public func carryOver(from previous: Snapshot, into snapshot: inout Snapshot) {
        snapshot.containers = previous.containers
    }
}
