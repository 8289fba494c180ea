/// A problem with the alerts file, worded for the user.
public struct AlertJournalError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
