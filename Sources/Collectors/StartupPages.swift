import Glibc

/// Drops this process's mappings of clean file pages (code, read-only data) once a phase of
/// start-up is over, so the resident set becomes the working set.
///
/// Start-up (the runtime, parsing the command line and the configuration, opening and loading the
/// history file) runs code that the steady state never runs again, and the kernel maps code in
/// 64 KiB runs around each fault; all of it would stay resident. `MADV_DONTNEED` on a private file
/// mapping only removes this process's page-table entries: the pages stay in the page cache, and
/// any that are needed again come back as minor faults, with no I/O (`MADV_PAGEOUT`, used before,
/// evicted them from the page cache, and on this kernel it often skipped the large folios a
/// binary's text is cached in). Measured in the README ("Costs").
///
/// Only mappings that hold no page of their own are touched: executable ones (code is never
/// written) and read-only ones whose `Anonymous` count in /proc/self/smaps is 0. A read-only
/// mapping with anonymous pages is relocated data (RELRO) that the loader wrote; dropping those
/// pages would bring back the file's unrelocated bytes, so it is left alone.
///
/// Only mappings that were already there when the process began are touched (`noteInitialMappings`,
/// called first thing in `main`, before any thread): a library another thread is loading is mapped
/// and relocated in steps, and a range read from smaps in the middle of them could cover pages the
/// loader writes a moment later. Those mappings are the executable's, the loader's and the linked
/// libraries': being clean when noted (the loader has written and sealed RELRO by then, and binding
/// is done at load with `-z now`), they stay clean. So a release reads /proc/self/maps (no page
/// walk, unlike smaps) only to check that each noted mapping is still the same one, then makes a
/// few `madvise` calls: cheap enough to run every few seconds (see `RunLoop`).
public enum StartupPages {
    /// A mapping as /proc/self/maps names it.
    struct Mapping: Equatable {
        var end: UInt
        var permissions: String
        var path: String
    }

    /// The clean file mappings the process began with, by start address.
    private static let initialMappings: [UInt: Mapping] = {
        var found: [UInt: Mapping] = [:]
        forEachCleanMapping { found[$0.start] = Mapping($0) }
        return found
    }()

    /// Records the mappings the process began with; call it before any thread starts.
    public static func noteInitialMappings() {
        _ = initialMappings.count
    }

    /// Drops this process's pages of the noted mappings that /proc/self/maps still shows as noted
    /// (same range, permissions and file): a range that was unmapped and reused is left alone.
    public static func release() {
        release(noted: initialMappings)
    }

    static func release(noted: [UInt: Mapping]) {
        var ranges = [(start: UInt, length: Int)]()
        ranges.reserveCapacity(noted.count)
        forEachLine(of: "/proc/self/maps") { bytes in
            if let line = MappingLine(String(decoding: bytes, as: UTF8.self)), let mapping = noted[line.start], mapping == Mapping(line) {
                ranges.append((line.start, Int(line.end - line.start)))
            }
        }
        drop(ranges)
    }

    /// Drops the mappings among `allowed` (start → end) that smaps shows clean now (tests).
    static func release(only allowed: [UInt: UInt]) {
        var ranges = [(start: UInt, length: Int)]()
        forEachCleanMapping { line in
            if allowed[line.start] == line.end { ranges.append((line.start, Int(line.end - line.start))) }
        }
        drop(ranges)
    }

    /// Dropped only after any parsing, in a loop that runs no more Swift code: code run between the
    /// drops would fault straight back in.
    private static func drop(_ ranges: [(start: UInt, length: Int)]) {
        ranges.withUnsafeBufferPointer { buffer in
            for range in buffer { _ = madvise(UnsafeMutableRawPointer(bitPattern: range.start), range.length, MADV_DONTNEED) }
        }
    }

    /// Calls `body` with each executable file mapping, and each read-only one that holds no page
    /// of its own, in /proc/self/smaps. Only a mapping's first line and its `Anonymous:` line are
    /// made into text: smaps has some 2,000 lines, and decoding every one was most of the 15 ms
    /// this took at start-up, before the first frame.
    private static func forEachCleanMapping(_ body: (MappingLine) -> Void) {
        var candidate: MappingLine?
        forEachLine(of: "/proc/self/smaps") { bytes in
            guard let first = bytes.first else { return }
            if first.isHexDigit {
                let mapping = MappingLine(String(decoding: bytes, as: UTF8.self))
                candidate = mapping?.isCleanFileCandidate == true ? mapping : nil
            } else if let current = candidate, first == UInt8(ascii: "A"), bytes.starts(with: "Anonymous:".utf8) {
                let kilobytes = String(decoding: bytes, as: UTF8.self).split(separator: " ").dropFirst().first.flatMap { Int($0) }
                if current.permissions == "r-xp" || kilobytes == 0 { body(current) }
                candidate = nil
            }
        }
    }

    /// Calls `body` with each line of the file, without its newline.
    private static func forEachLine(of path: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        guard let file = fopen(path, "r") else { return }
        defer { fclose(file) }
        var line = [UInt8](repeating: 0, count: 4096)
        line.withUnsafeMutableBufferPointer { buffer in
            let count = buffer.count
            while buffer.withMemoryRebound(to: CChar.self, { fgets($0.baseAddress, Int32(count), file) }) != nil {
                var length = buffer.firstIndex(of: 0) ?? count
                if length > 0, buffer[length - 1] == UInt8(ascii: "\n") { length -= 1 }
                body(UnsafeBufferPointer(rebasing: buffer[0..<length]))
            }
        }
    }
}

private extension UInt8 {
    var isHexDigit: Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(self)
    }
}

extension StartupPages.Mapping {
    init(_ line: MappingLine) {
        self.init(end: line.end, permissions: String(line.permissions), path: String(line.path))
    }
}

/// The first line of a mapping in /proc/PID/maps or smaps: "start-end perms offset dev inode path".
struct MappingLine {
    let start: UInt
    let end: UInt
    let permissions: Substring
    let path: Substring

    init?(_ text: String) {
        let fields = text.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
        guard fields.count >= 5, let dash = fields[0].firstIndex(of: "-"),
              let start = UInt(fields[0][..<dash], radix: 16),
              let end = UInt(fields[0][fields[0].index(after: dash)...], radix: 16), end > start
        else { return nil }
        self.start = start
        self.end = end
        permissions = fields[1]
        path = fields.count == 6 ? Substring(fields[5].drop(while: { $0 == " " })) : ""
    }

    /// A private mapping of a file that is never written: code, or read-only data.
    var isCleanFileCandidate: Bool {
        path.hasPrefix("/") && (permissions == "r-xp" || permissions == "r--p")
    }
}
