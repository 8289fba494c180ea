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
/// loader writes a moment later. The executable and the libraries it was linked with never move.
public enum StartupPages {
    /// Start addresses and ends of the clean file mappings the process began with.
    private static let initialMappings: [UInt: UInt] = {
        var found: [UInt: UInt] = [:]
        forEachCleanMapping { start, end in found[start] = end }
        return found
    }()

    /// Records the mappings the process began with; call it before any thread starts.
    public static func noteInitialMappings() {
        _ = initialMappings.count
    }

    public static func release() {
        release(only: initialMappings)
    }

    /// Drops the clean mappings among `allowed` (start → end).
    static func release(only allowed: [UInt: UInt]) {
        var ranges = [(start: UInt, length: Int)]()
        ranges.reserveCapacity(64)
        forEachCleanMapping { start, end in
            if allowed[start] == end { ranges.append((start, Int(end - start))) }
        }
        // Dropped only after the parsing, in a loop that runs no more Swift code: code run between
        // the drops would fault straight back in.
        ranges.withUnsafeBufferPointer { buffer in
            for range in buffer { _ = madvise(UnsafeMutableRawPointer(bitPattern: range.start), range.length, MADV_DONTNEED) }
        }
    }

    /// Calls `body` with each executable file mapping, and each read-only one that holds no page
    /// of its own, in /proc/self/smaps.
    private static func forEachCleanMapping(_ body: (UInt, UInt) -> Void) {
        guard let smaps = fopen("/proc/self/smaps", "r") else { return }
        defer { fclose(smaps) }
        var candidate: (start: UInt, end: UInt, executable: Bool)?
        var line = [CChar](repeating: 0, count: 4096)
        while fgets(&line, Int32(line.count), smaps) != nil {
            let length = line.firstIndex(of: 0) ?? line.count
            var text = String(decoding: line[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if text.hasSuffix("\n") { text.removeLast() }
            if let mapping = MappingLine(text) {
                candidate = mapping.isCleanFileCandidate ? (mapping.start, mapping.end, mapping.permissions == "r-xp") : nil
            } else if let current = candidate, text.hasPrefix("Anonymous:") {
                let kilobytes = text.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap { Int($0) }
                if current.executable || kilobytes == 0 { body(current.start, current.end) }
                candidate = nil
            }
        }
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
