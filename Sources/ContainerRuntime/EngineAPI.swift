import VitalsCore

/// The Engine API's answers as vitals' values: pure functions over parsed JSON, tested on answers
/// recorded from a real Podman and Docker.
public enum EngineAPI {
    /// `GET /containers/json?all=1`: each container's id, name, image, state, and what its status
    /// line says of its health and exit code (`Up 2 hours (unhealthy)`, `Exited (137) 5 minutes ago`).
    public static func list(_ json: JSONValue) -> [ContainerInfo] {
        (json.array ?? []).compactMap { item in
            guard let id = item["Id"]?.string, let stateText = item["State"]?.string else { return nil }
            let name = item["Names"]?.array?.first?.string.map(trimmedName) ?? String(id.prefix(12))
            var info = ContainerInfo(id: id, name: name, image: item["Image"]?.string ?? "", state: state(stateText))
            let status = item["Status"]?.string ?? ""
            info.health = health(inStatus: status)
            info.exitCode = exitCode(inStatus: status) ?? 0
            info.createdAt = item["Created"]?.number
            return info
        }
    }

    /// `GET /containers/{id}/json`: the whole record, restart count and times included.
    public static func inspect(_ json: JSONValue) -> ContainerInfo? {
        guard let id = json["Id"]?.string, let s = json["State"] else { return nil }
        let image = json["Config"]?["Image"]?.string ?? json["ImageName"]?.string ?? json["Image"]?.string ?? ""
        var info = ContainerInfo(id: id, name: json["Name"]?.string.map(trimmedName) ?? String(id.prefix(12)), image: image,
                                 state: state(s["Status"]?.string ?? ""))
        info.exitCode = s["ExitCode"]?.int ?? 0
        info.restartCount = json["RestartCount"]?.int ?? 0
        info.startedAt = time(s["StartedAt"])
        info.finishedAt = time(s["FinishedAt"])
        info.createdAt = time(json["Created"])
        // Docker says Health; Podman 4 says Healthcheck; "" when there is no check.
        let verdict = (s["Health"] ?? s["Healthcheck"])?["Status"]?.string
        info.health = verdict.flatMap(ContainerInfo.Health.init(rawValue:))
        if info.state == .running, s["Paused"]?.bool == true { info.state = .paused }
        if s["Restarting"]?.bool == true { info.state = .restarting }
        return info
    }

    /// One line of `GET /events`: a container's id and what happened to it (`die`, `destroy`,
    /// `health_status: unhealthy` …); nil for other objects' events.
    public static func event(_ json: JSONValue) -> (id: String, action: String, time: Double?)? {
        guard (json["Type"]?.string ?? json["type"]?.string) == "container" else { return nil }
        guard let id = json["Actor"]?["ID"]?.string ?? json["id"]?.string,
              let action = json["Action"]?.string ?? json["status"]?.string else { return nil }
        let time = json["timeNano"]?.number.map { $0 / 1e9 } ?? json["time"]?.number
        return (id, action, time)
    }

    /// `GET /version`: `Docker 27.1.1`, `Podman Engine 4.3.1`.
    public static func runtime(_ json: JSONValue) -> String? {
        let components = json["Components"]?.array ?? []
        if let first = components.first, let name = first["Name"]?.string, let version = first["Version"]?.string {
            return (name == "Engine" ? "Docker Engine" : name) + " " + version
        }
        return json["Version"]?.string.map { "Docker " + $0 }
    }

    /// RFC 3339 (with nanoseconds); the API's zero time (`0001-01-01T00:00:00Z`) means never.
    static func time(_ value: JSONValue?) -> Double? {
        value?.string.flatMap(RFC3339Parser.parse).flatMap { $0 > 0 ? $0 : nil }
    }

    static func trimmedName(_ name: String) -> String {
        name.hasPrefix("/") ? String(name.dropFirst()) : name
    }

    /// The runtime's word as a state; Podman's `configured` and `stopped` are `created` and `exited`.
    static func state(_ text: String) -> ContainerInfo.State {
        switch text.lowercased() {
        case "configured", "initialized": .created
        case "stopped", "stopping": .exited
        default: ContainerInfo.State(rawValue: text.lowercased()) ?? .dead
        }
    }

    static func health(inStatus status: String) -> ContainerInfo.Health? {
        if status.contains("(unhealthy)") { return .unhealthy }
        if status.contains("(healthy)") { return .healthy }
        if status.contains("(health: starting)") || status.contains("(starting)") { return .starting }
        return nil
    }

    static func exitCode(inStatus status: String) -> Int? {
        guard status.hasPrefix("Exited ("), let close = status.firstIndex(of: ")") else { return nil }
        return Int(status[status.index(status.startIndex, offsetBy: 8)..<close])
    }
}
