import Glibc

/// Runs shell commands for end-to-end tests (tmux, the built binary).
public enum Shell {
    /// Runs `command` with /bin/sh; returns its standard output and exit status.
    @discardableResult
    public static func run(_ command: String) -> (output: String, status: Int32) {
        guard let pipe = popen("{ " + command + "\n} 2>&1", "r") else { return ("", -1) }
        let out = Fixtures.readAll(pipe)
        let status = pclose(pipe)
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
