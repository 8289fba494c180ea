/// What the textfile collector read at a tick: each `*.prom` file of its directory with its
/// modification time (or why it was skipped), and the samples of the files that read well.
public struct TextfileReading: Sendable, Equatable {
    public struct File: Sendable, Equatable {
        /// The file's name in the directory (`backup.prom`).
        public var name: String
        public var modified: Double?
        /// Why the file was skipped (unreadable, malformed, a series of vitals' own).
        public var problem: String?

        public init(name: String, modified: Double?, problem: String? = nil) {
            self.name = name
            self.modified = modified
            self.problem = problem
        }
    }

    public var directory: String
    public var files: [File]
    public var samples: [Sample]
    /// Why the directory itself could not be read.
    public var problem: String?

    public init(directory: String, files: [File], samples: [Sample], problem: String? = nil) {
        self.directory = directory
        self.files = files
        self.samples = samples
        self.problem = problem
    }

    /// As node_exporter's `node_textfile_scrape_error`: a file or the directory could not be used.
    public var hasError: Bool { problem != nil || files.contains { $0.problem != nil } }
}
