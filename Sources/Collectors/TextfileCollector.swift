import Glibc
import VitalsCore

/// node_exporter's textfile collector: every `*.prom` file in `directory`, read at each run, its
/// samples exported as they are written (Prometheus' text format), with
/// `node_textfile_mtime_seconds{file}` and `node_textfile_scrape_error`. A file that cannot be
/// read or parsed is reported and skipped, never fatal; the others still count. Files are
/// written by cron jobs and the like: write to a temporary name and rename, so a run never reads
/// half a file.
public struct TextfileCollector: Collector {
    public let name = "textfile"
    let directory: String
    /// Larger files are skipped (a runaway writer must not fill the store).
    static let maxFileBytes = 4 << 20

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
        for name in names.sorted() {
            let (modified, content) = Self.read(directory + "/" + name)
            var file = TextfileReading.File(name: name, modified: modified)
            switch content {
            case let .failure(reason):
                file.problem = reason.description
            case let .success(text):
                switch PrometheusTextParser.parse(text) {
                case let .failure(problem):
                    file.problem = problem.description
                case let .success(parsed):
                    // A series another file already gave: this file is skipped whole.
                    if let twice = parsed.samples.first(where: { seen.contains($0.key) }) {
                        file.problem = "\(twice.key) is also in an earlier file"
                    } else {
                        for sample in parsed.samples { seen.insert(sample.key) }
                        samples += parsed.samples
                    }
                }
            }
            files.append(file)
        }
        snapshot.textfile = TextfileReading(directory: directory, files: files, samples: samples)
        if let bad = files.first(where: { $0.problem != nil }) {
            throw Unreadable(description: "\(bad.name): \(bad.problem ?? "")" + (files.count { $0.problem != nil } > 1 ? " (and more)" : ""))
        }
    }

    public func carryOver(from previous: Snapshot, into snapshot: inout Snapshot) {
        snapshot.textfile = previous.textfile
    }

    /// The file's modification time and text (at most `maxFileBytes`, valid UTF-8).
    static func read(_ path: String) -> (Double?, Result<String, Unreadable>) {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return (nil, .failure(Unreadable(description: String(cString: strerror(errno))))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return (nil, .failure(Unreadable(description: String(cString: strerror(errno))))) }
        let modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
        guard (info.st_mode & S_IFMT) == S_IFREG else { return (modified, .failure(Unreadable(description: "not a regular file"))) }
        guard info.st_size <= maxFileBytes else { return (modified, .failure(Unreadable(description: "larger than \(maxFileBytes >> 20) MiB"))) }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size) + 1)
        var count = 0
        while count < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + count, $0.count - count) }
            if n < 0 { return (modified, .failure(Unreadable(description: String(cString: strerror(errno))))) }
            if n == 0 { break }
            count += n
        }
        guard count <= maxFileBytes else { return (modified, .failure(Unreadable(description: "larger than \(maxFileBytes >> 20) MiB"))) }
        guard let text = String(validating: bytes[..<count], as: UTF8.self) else {
            return (modified, .failure(Unreadable(description: "not UTF-8 text")))
        }
        return (modified, .success(text))
    }
}
