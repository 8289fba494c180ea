/// Why the history file could not be used; the dashboard runs on without it and says so.
public struct HistoryFileError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
