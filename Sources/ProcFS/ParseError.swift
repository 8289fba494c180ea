/// A file's content did not have the expected shape.
public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which format was being parsed ("/proc/stat", "/proc/PID/stat" …).
    public var format: String
    /// 1-based line number, when the format is line-oriented.
    public var line: Int?
    public var message: String

    public init(_ format: String, line: Int? = nil, _ message: String) {
        self.format = format
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(format):\(line): \(message)" }
        return "\(format): \(message)"
    }
}
