/// `L`: every message the status line showed in this run, with the time it first showed, in full
/// (the status line cuts what does not fit). A message showing frame after frame is one entry; one
/// that goes and comes back is a new one. The oldest go beyond `limit`.
struct MessageLog: Sendable, Equatable {
    struct Entry: Sendable, Equatable {
        var time: Double
        var text: String
    }

    private(set) var entries: [Entry] = []
    private var showing: Set<String> = []
    var limit = 1000

    /// The messages on screen now, at `time`.
    mutating func note(_ texts: [String], at time: Double) {
        for text in texts where !text.isEmpty && !showing.contains(text) {
            entries.append(Entry(time: time, text: text))
        }
        showing = Set(texts)
        if entries.count > limit { entries.removeFirst(entries.count - limit) }
    }
}
