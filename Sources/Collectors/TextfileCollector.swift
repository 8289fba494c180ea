import Glibc
import VitalsCore

/// node_exporter's textfile collector: every `*.prom` file in `directory`, read at each run, its
/// samples exported as they are written (Prometheus' text format), with
/// `node_textfile_mtime_seconds{file}` and `node_textfile_scrape_error`. A file that cannot be
/// read or parsed is reported and skipped, never fatal; the others still count. Files are
/// written by cron jobs and the like: write to a temporary name and rename, so a run never reads
/// half a file. A file whose modification time and size are those of the last run is not read
/// nor parsed again: each tick costs a `stat` per file until a file changes.
public struct TextfileCollector: Collector {
    public let name = "textfile"
    let directory: String
    /// Larger files are skipped (a runaway writer must not fill the store).
    static let maxFileBytes = 4 << 20

    /// A file as the last run read it: its samples, or why it was skipped.
    struct Parsed {
        /// Nil when the file could not be opened.
        var modified: Double?
        var size: Int
        var outcome: Result<[Sample], Unreadable>
    }

    /// By file name.
    private var parsed: [String: Parsed] = [:]

    public init(directory: String) {
        self.directory = directory
    }

    public struct Unreadable: Error, CustomStringConvertible {
        public var description: String
    }

    public mutating func collect(into snapshot: inout Snapshot) throws {
        guard let dir = opendir(directory) else {
            let reason = String(cString: strerror(errno))
            snapshot.textfile = TextfileReading(directory: directory, files: [], samples: [], problem: "\(directory): \(reason)")
            throw Unreadable(description: "cannot read \(directory): \(reason)")
        }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasSuffix(".prom"), !name.hasPrefix(".") { names.append(name) }
        }
        closedir(dir)
        var files: [TextfileReading.File] = []
        var samples: [Sample] = []
        var seen = Set<SeriesKey>()
        var kept: [String: Parsed] = [:]
        for name in names.sorted() {
            let outcome = read(name)
            kept[name] = outcome
            var file = TextfileReading.File(name: name, modified: outcome.modified)
            switch outcome.outcome {
            case let .failure(reason):
                file.problem = reason.description
            case let .success(fileSamples):
                // A series another file already gave: this file is skipped whole.
                if let twice = fileSamples.first(where: { seen.contains($0.key) }) {
                    file.problem = "\(twice.key) is also in an earlier file"
                } else {
                    for sample in fileSamples { seen.insert(sample.key) }
                    samples += fileSamples
                }
            }
            files.append(file)
        }
        // Files gone from the directory are forgotten.
        parsed = kept
        snapshot.textfile = TextfileReading(directory: directory, files: files, samples: samples)
        if let bad = files.first(where: { $0.problem != nil }) {
            throw Unreadable(description: "\(bad.name): \(bad.problem ?? "")" + (files.count { $0.problem != nil } > 1 ? " (and more)" : ""))
        }
    }

    public func carryOver(from previous: Snapshot, into snapshot: inout Snapshot) {
        snapshot.textfile = previous.textfile
    }

    /// `name`'s samples (or why not), from the last run while its time and size are unchanged.
    private func read(_ name: String) -> Parsed {
        let fd = open(directory + "/" + name, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return Parsed(modified: nil, size: -1, outcome: .failure(Self.errnoText())) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return Parsed(modified: nil, size: -1, outcome: .failure(Self.errnoText())) }
        let modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
        let size = Int(info.st_size)
        if let last = parsed[name], last.modified == modified, last.size == size { return last }
        let outcome = Self.text(fd, info).flatMap { text in
            PrometheusTextParser.parse(text).map(\.samples).mapError { Unreadable(description: $0.description) }
        }
        return Parsed(modified: modified, size: size, outcome: outcome)
    }

    static func errnoText() -> Unreadable { Unreadable(description: String(cString: strerror(errno))) }

    /// The open file's text: at most `maxFileBytes`, valid UTF-8, a regular file.
    static func text(_ fd: Int32, _ info: stat) -> Result<String, Unreadable> {
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .failure(Unreadable(description: "not a regular file")) }
        let tooLarge = Unreadable(description: "larger than \(maxFileBytes >> 20) MiB")
        guard info.st_size <= maxFileBytes else { return .failure(tooLarge) }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size) + 1)
        var count = 0
        while count < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + count, $0.count - count) }
            if n < 0 { return .failure(errnoText()) }
            if n == 0 { break }
            count += n
        }
        guard count <= maxFileBytes else { return .failure(tooLarge) }
        guard let text = String(validating: bytes[..<count], as: UTF8.self) else { return .failure(Unreadable(description: "not UTF-8 text")) }
        return .success(text)
    }
}
