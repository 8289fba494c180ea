extension DashboardModel {
    /// A scrolled list over the screen: the keys (`?`), the message log (`L`), a process's
    /// environment (`e`) or open files (`l`).
    public struct Overlay: Sendable, Equatable {
        public struct Entry: Sendable, Equatable {
            public var key: String
            public var text: String

            public init(_ key: String, _ text: String) {
                self.key = key
                self.text = text
            }
        }

        public var title: String
        public var entries: [Entry]
        /// The first line shown (kept within the entries when drawn).
        public var offset: Int
        /// Said in the title's edge: how to close it.
        public var closeHint: String
        /// Shown when there are no entries.
        public var empty: String
        /// The entry the cursor is on (the column chooser), kept in view and highlighted.
        public var selected: Int?

        public init(title: String, entries: [Entry], offset: Int = 0, closeHint: String = "Esc closes", empty: String = "nothing to show") {
            self.title = title
            self.entries = entries
            self.offset = offset
            self.closeHint = closeHint
            self.empty = empty
        }
    }
}
