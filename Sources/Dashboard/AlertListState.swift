/// The alerts list (`a`): which row is selected, and the silence being chosen.
public struct AlertListState: Sendable, Equatable {
    public var selected = 0
    /// Rows in the list at the last frame (the run loop keeps it current).
    public var count = 0
    /// While `s` is choosing: an index into `AlertKeys.silenceDurations`.
    public var silenceChoice: Int?

    public init(selected: Int = 0, count: Int = 0, silenceChoice: Int? = nil) {
        self.selected = selected
        self.count = count
        self.silenceChoice = silenceChoice
    }
}

/// Silence the alert on row `row` of the list for `seconds`.
public struct SilenceRequest: Sendable, Equatable {
    public var row: Int
    public var seconds: Double

    public init(row: Int, seconds: Double) {
        self.row = row
        self.seconds = seconds
    }
}
