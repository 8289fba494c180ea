import Glibc

/// Where the runtime's socket is: the configured one (`containers.socket`, `DOCKER_HOST` as
/// `unix://PATH`), else Docker's, then Podman's (root's, then this user's).
public enum ContainerSocket {
    public static func candidates(configured: String?, environment: [String: String]) -> [String] {
        if let configured, !configured.isEmpty { return [configured.hasPrefix("unix://") ? String(configured.dropFirst(7)) : configured] }
        var out: [String] = []
        if let host = environment["DOCKER_HOST"], host.hasPrefix("unix://") { out.append(String(host.dropFirst(7))) }
        out += ["/var/run/docker.sock", "/run/podman/podman.sock"]
        if let runtime = environment["XDG_RUNTIME_DIR"], runtime.hasPrefix("/") { out.append(runtime + "/podman/podman.sock") }
        return out
    }

    /// The first candidate that is a socket.
    static func first(of candidates: [String]) -> String? {
        candidates.first { path in
            var st = stat()
            return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFSOCK
        }
    }
}
