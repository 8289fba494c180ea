import Glibc

/// `k`: choosing a signal for the selected process, then confirming it.
public struct SignalPrompt: Sendable, Equatable {
    public static let choices: [(name: String, number: Int32)] = [
        ("TERM", SIGTERM), ("KILL", SIGKILL), ("HUP", SIGHUP), ("INT", SIGINT), ("STOP", SIGSTOP), ("CONT", SIGCONT),
    ]

    public var pid: Int32
    public var name: String
    /// The process's start time when chosen: the signal goes only to that same process.
    public var startTicks: UInt64
    public var choice = 0
    /// After Enter: waiting for `y`.
    public var confirming = false

    public init(pid: Int32, name: String, startTicks: UInt64) {
        self.pid = pid
        self.name = name
        self.startTicks = startTicks
    }

    public var signalName: String { Self.choices[choice].name }
    public var signalNumber: Int32 { Self.choices[choice].number }
}

/// A confirmed signal, for the run loop to send.
public struct SignalRequest: Sendable, Equatable {
    public var pid: Int32
    public var name: String
    public var startTicks: UInt64
    public var signal: Int32

    public init(pid: Int32, name: String, startTicks: UInt64, signal: Int32) {
        self.pid = pid
        self.name = name
        self.startTicks = startTicks
        self.signal = signal
    }
}
