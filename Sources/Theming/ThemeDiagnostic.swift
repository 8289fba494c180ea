import VitalsCore

/// One problem found in a theme file, positioned as `file:line: message`.
public struct ThemeDiagnostic: Sendable, Equatable, CustomStringConvertible {
    public private(set) var file: String
    public private(set) var line: Int
    public private(set) var message: String

    public init(file: String, line: Int, message: String) {
        self.file = TextSanitizer.sanitize(file)
        self.line = line
        // A theme's text quoted in a message is data: nothing in it may drive the terminal.
        self.message = TextSanitizer.sanitize(message)
    }

    public var description: String { "\(file):\(line): \(message)" }
}
