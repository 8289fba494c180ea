import CSpawn
import Glibc

/// Runs shell commands for end-to-end tests (tmux, the built binary).
public enum Shell {
    /// Runs `command` with /bin/sh; returns its standard output and error, and its exit status.
    ///
    /// Spawned with descriptors 0 to 2 only, not with `popen`: every test runs in one process, and
    /// a child (a tmux server, an agent started in the background) that inherited another test's
    /// sockets kept them open after their owner closed them (a server's "closed" connection
    /// reached its client only when the child ended, 5 to 30 s later).
    @discardableResult
    public static func run(_ command: String) -> (output: String, status: Int32) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return ("", -1) }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 2)
        vitals_spawn_close_from(&actions, 3)
        let arguments: [String] = ["/bin/sh", "-c", command]
        let argv = arguments.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        vitals_spawnattr_plain_signals(&attributes)
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, environ)
        close(fds[1])
        guard spawned == 0, let stream = fdopen(fds[0], "r") else {
            close(fds[0])
            return ("cannot run /bin/sh: \(String(cString: strerror(spawned)))", -1)
        }
        let out = Fixtures.readAll(stream)
        fclose(stream)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return (String(decoding: out, as: UTF8.self), (status >> 8) & 0xFF)
    }

    /// Quotes `text` for /bin/sh.
    public static func quote(_ text: String) -> String {
        "'" + text.replacingAll("'", with: "'\\''") + "'"
    }

    /// Polls `condition` every 50 ms until it holds or `seconds` pass; true if it held.
    public static func waitUntil(seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = now() + seconds
        while now() < deadline {
            if condition() { return true }
            usleep(50_000)
        }
        return condition()
    }

    /// The same in an async test: the thread is free while it waits (a blocking wait holds one of
    /// the cooperative pool's threads, two on a 2-core machine, and starves the tests beside it).
    public static func waitUntil(seconds: Double, _ condition: () -> Bool) async -> Bool {
        let deadline = now() + seconds
        while now() < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return condition()
    }

    /// Waits `seconds` without holding a thread.
    public static func pause(_ seconds: Double) async {
        try? await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
    }

    public static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self {
            if c == target { out += replacement } else { out.append(c) }
        }
        return out
    }
}
