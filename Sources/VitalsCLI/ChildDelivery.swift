import AlertDelivery
import AlertJournal
import Collectors
import CSpawn
import Glibc
import Synchronization
import VitalsCore

/// `vitals`' deliverer: a `vitals-agent deliver` child that drains the same outbox, so the
/// dashboard's executable carries no HTTP client, TLS or Foundation (see docs/ARCHITECTURE.md).
/// The dashboard still evaluates the rules and queues each notification in
/// `alerts.sqlite` in the same transaction as its transition; the child sends what is queued.
///
/// - A byte on the child's standard input says "something was queued"; end of file says "stop"
///   (the dashboard closing, or dying: the kernel closes the pipe either way).
/// - The child writes one line per notifier whose record changed on its standard output:
///   `health TAB id TAB delivered TAB failures TAB failures-in-a-row TAB given-up TAB last-error`.
///   The status line shows them as it shows an in-process deliverer's.
/// - Without `vitals-agent` beside `vitals`, nothing is sent: each notifier is reported failing
///   with that reason, and the notifications wait in the outbox for a vitals that can send them.
public final class ChildDelivery: AlertDelivering {
    private let notifiers: [NotifierSpec]
    private let directory: String
    private let configPath: String?
    private let state: Mutex<State>

    struct State {
        var pid: pid_t?
        var input: Int32 = -1
        var health: [String: NotifierHealth]
        var stopped = false
    }

    /// `configPath`: the `--config` the dashboard was given (the child reads the same layers).
    public static func factory(configPath: String?) -> AlertDeliveryFactory {
        { notifiers, journal, _ in
            let directory = journal.path.lastIndex(of: "/").map { String(journal.path[..<$0]) } ?? "."
            return ChildDelivery(notifiers: notifiers, directory: directory, configPath: configPath)
        }
    }

    init(notifiers: [NotifierSpec], directory: String, configPath: String?) {
        self.notifiers = notifiers
        self.directory = directory
        self.configPath = configPath
        state = Mutex(State(health: Dictionary(notifiers.map { ($0.id, NotifierHealth(id: $0.id, label: $0.label)) }, uniquingKeysWith: { a, _ in a })))
    }

    public func start() {
        guard let executable = Handover.agentExecutable() else {
            fail("vitals-agent is not beside vitals: notifications wait in the outbox")
            return
        }
        var input: [Int32] = [-1, -1], output: [Int32] = [-1, -1]
        guard pipe(&input) == 0, pipe(&output) == 0 else {
            fail("cannot start vitals-agent deliver: \(String(cString: strerror(errno)))")
            return
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        for fd in input + output { posix_spawn_file_actions_addclose(&actions, fd) }
        // The dashboard owns the terminal: the child's complaints must not draw over it.
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // Nothing else: not the history file, nor a connection of `--serve` (a copy held here
        // would keep it open for its client after the server closed it).
        vitals_spawn_close_from(&actions, 3)
        let arguments = [executable, "deliver", "--data-dir", directory] + (configPath.map { ["--config", $0] } ?? [])
        let argv = arguments.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        vitals_spawnattr_plain_signals(&attributes)
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        close(input[0])
        close(output[1])
        guard spawned == 0 else {
            close(input[1])
            close(output[0])
            fail("cannot start \(executable): \(String(cString: strerror(spawned)))")
            return
        }
        _ = fcntl(input[1], F_SETFD, FD_CLOEXEC)
        _ = fcntl(input[1], F_SETFL, fcntl(input[1], F_GETFL) | O_NONBLOCK)
        _ = fcntl(output[0], F_SETFD, FD_CLOEXEC)
        state.withLock { s in
            s.pid = pid
            s.input = input[1]
        }
        let readEnd = output[0]
        BackgroundThread.run { [self] in readHealth(readEnd) }
    }

    public func poke() {
        let fd = state.withLock { $0.input }
        guard fd >= 0 else { return }
        var byte: UInt8 = 1
        // Non-blocking: a full pipe already holds a poke.
        _ = write(fd, &byte, 1)
    }

    /// Closes the child's input (it stops, giving sends in flight two seconds) and waits for it,
    /// three seconds at most, then ends it.
    public func stop() {
        let (pid, fd): (pid_t?, Int32) = state.withLock { s in
            defer {
                s.stopped = true
                s.input = -1
            }
            return s.stopped ? (nil, -1) : (s.pid, s.input)
        }
        if fd >= 0 { close(fd) }
        guard let pid else { return }
        for _ in 0..<30 {
            if waitpid(pid, nil, WNOHANG) == pid { return }
            usleep(100_000)
        }
        kill(pid, SIGTERM)
        _ = waitpid(pid, nil, 0)
    }

    /// The child, while it runs.
    var childPID: pid_t? { state.withLock { $0.stopped ? nil : $0.pid } }

    public var health: [NotifierHealth] {
        state.withLock { s in notifiers.compactMap { s.health[$0.id] } }
    }

    private func fail(_ reason: String) {
        state.withLock { s in
            for (id, var h) in s.health {
                h.failuresInARow = max(3, h.failuresInARow)
                h.lastError = reason
                s.health[id] = h
            }
        }
    }

    private func readHealth(_ fd: Int32) {
        defer { close(fd) }
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return }
            pending += buffer[0..<n]
            while let newline = pending.firstIndex(of: 10) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                if let h = Self.parseHealth(line) { state.withLock { $0.health[h.id] = h } }
            }
        }
    }

    /// One `health` line; nil for anything else.
    static func parseHealth(_ line: String) -> NotifierHealth? {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 8, fields[0] == "health", let delivered = Int(fields[3]), let failures = Int(fields[4]),
              let inARow = Int(fields[5]), let givenUp = Int(fields[6])
        else { return nil }
        var h = NotifierHealth(id: fields[1], label: fields[2])
        h.delivered = delivered
        h.failures = failures
        h.failuresInARow = inARow
        h.givenUp = givenUp
        h.lastError = fields[7].isEmpty ? nil : fields[7]
        return h
    }

    /// The line `parseHealth` reads (tabs and newlines in the error become spaces).
    public static func healthLine(_ h: NotifierHealth) -> String {
        func clean(_ s: String) -> String { String(s.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 }) }
        return ["health", clean(h.id), clean(h.label), String(h.delivered), String(h.failures), String(h.failuresInARow), String(h.givenUp), clean(h.lastError ?? "")]
            .joined(separator: "\t")
    }
}
