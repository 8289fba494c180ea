import VitalsCore

/// One problem in the configuration, printed as `PATH:LINE:COLUMN: message` (file problems),
/// `VITALS_NAME: message` (environment) or `--flag: message` (command line).
public struct ConfigDiagnostic: Sendable, Equatable, CustomStringConvertible, Error {
    public enum Severity: Sendable, Equatable {
        case error
        /// Reported, but the configuration is still used (an unknown `VITALS_*` variable).
        case warning
    }

    /// Where: a file position, an environment variable or a flag.
    public private(set) var place: String
    public private(set) var message: String
    public private(set) var severity: Severity

    public init(place: String, message: String, severity: Severity = .error) {
        // A file's text quoted in a message is data: nothing in it may drive the terminal.
        self.place = TextSanitizer.sanitize(place)
        self.message = TextSanitizer.sanitize(message)
        self.severity = severity
    }

    public init(file: String, line: Int, column: Int, message: String) {
        self.init(place: "\(file):\(line):\(column)", message: message)
    }

    public var description: String {
        place + ": " + (severity == .warning ? "warning: " : "") + message
    }
}
