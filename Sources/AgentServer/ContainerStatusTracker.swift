import Synchronization
import VitalsCore

/// Which containers changed since the last tick, for the stream's `container_status` items: a new
/// state or health verdict, a container that appeared, or one that went (`removed`).
final class ContainerStatusTracker: Sendable {
    /// By id: the status last sent.
    private let last = Mutex<[String: Status]>([:])

    struct Status: Sendable, Equatable {
        var name: String
        var status: String
        var health: String?
        var exitCode: Int
        var image: String
    }

    /// A failed container kept after its removal is `removed` at once, not when it is forgotten.
    static func status(of c: ContainerInfo) -> Status {
        Status(name: c.name, status: c.removedAt == nil ? c.state.rawValue : "removed",
               health: c.removedAt == nil ? c.health?.rawValue : nil, exitCode: c.exitCode, image: c.image)
    }

    /// The statuses that differ from the last call's (all of them on the first).
    func changes(_ reading: ContainerReading?) -> [Status] {
        let now = Dictionary((reading?.containers ?? []).map { ($0.id, Self.status(of: $0)) }, uniquingKeysWith: { a, _ in a })
        return last.withLock { previous in
            defer { previous = now }
            var out = now.filter { previous[$0.key] != $0.value }.map(\.value)
            for (id, gone) in previous where now[id] == nil && gone.status != "removed" {
                var removed = gone
                removed.status = "removed"
                removed.health = nil
                out.append(removed)
            }
            return out.sorted { $0.name < $1.name }
        }
    }
}
