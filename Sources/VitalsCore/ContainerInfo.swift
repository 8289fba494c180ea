/// One container as the runtime's Engine API (Docker's, or Podman's compatible one) describes it.
public struct ContainerInfo: Sendable, Equatable {
    /// The runtime's states, as `docker ps` names them.
    public enum State: String, Sendable, CaseIterable {
        case created
        case running
        case paused
        case restarting
        case removing
        case exited
        case dead
    }

    /// A health check's verdict (none when the container has no health check).
    public enum Health: String, Sendable, CaseIterable {
        case starting
        case healthy
        case unhealthy
    }

    /// The full id (64 hex digits).
    public var id: String
    /// Without the leading `/` the API puts before it.
    public var name: String
    public var image: String
    public var state: State
    public var health: Health?
    /// The last exit's code (0 while it has never exited).
    public var exitCode: Int
    public var restartCount: Int
    /// Seconds since the Unix epoch; nil when never started (or stopped).
    public var startedAt: Double?
    public var finishedAt: Double?
    /// When the runtime created it.
    public var createdAt: Double?
    /// When the runtime removed it: a failed container is kept listed for a while after its
    /// removal (`RemovedContainers`), so a crash is not lost because its container went with it.
    public var removedAt: Double?

    public init(id: String, name: String, image: String, state: State) {
        self.id = id
        self.name = name
        self.image = image
        self.state = state
        exitCode = 0
        restartCount = 0
    }

    /// The first 12 digits of the id, as `docker ps` shows it.
    public var shortID: String { String(id.prefix(12)) }

    /// Stopped the way that needs someone: exited with a non-zero code, dead, or unhealthy.
    public var isFailed: Bool {
        (state == .exited && exitCode != 0) || state == .dead || health == .unhealthy
    }
}

/// What the containers collector knows at a tick: the runtime's containers, or why there are none.
public struct ContainerReading: Sendable, Equatable {
    /// The socket spoken to (`/var/run/docker.sock`), when one was found.
    public var socket: String?
    /// `Docker 27.1.1`, `Podman 4.3.1`, when the runtime said.
    public var runtime: String?
    public var containers: [ContainerInfo]

    public init(socket: String?, runtime: String?, containers: [ContainerInfo]) {
        self.socket = socket
        self.runtime = runtime
        self.containers = containers
    }
}
