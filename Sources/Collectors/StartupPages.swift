import CLoadedObjects
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
/// binary's text is cached in). Measured in docs/PERFORMANCE.md and docs/ARCHITECTURE.md.
///
/// Only mappings that hold no page of their own are touched: executable ones (code is never
/// written) and read-only ones that lie outside every loaded object's writable segments (`PT_LOAD`
/// with `PF_W`, from the loader's list of loaded objects). A read-only mapping inside a writable
/// segment was written and then made read-only: RELRO, the data the loader relocates, or the
/// Swift runtime's backtracing settings (`swift5_backtrace`, sealed at start when backtracing is
/// on). Dropping those pages would bring back the file's bytes, so such a mapping is left alone.
///
/// Only mappings that were already there when the process began are touched (`noteInitialMappings`,
/// called first thing in `main`, before any thread): a library another thread is loading is mapped
/// and relocated in steps, and a range read in the middle of them could cover pages the loader
/// writes a moment later. Those mappings are the executable's, the loader's and the linked
/// libraries', and a segment the file marks read-only is never written (binding is done at load
/// with `-z now`, and nothing maps these pages writable again). So the noted mappings stay clean.
/// (Which mappings hold pages of their own was read from their `Anonymous` counts in
/// /proc/self/smaps, which walks every page table of the process: 0.8 ms of the start, before the
/// first frame. `StartupPagesTests` checks that the two agree.) Noting and each release read
/// /proc/self/maps (no page walk), then make a few `madvise` calls: cheap enough to run every few
/// seconds (see `RunLoop`).
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

    /// Drops the mappings among `allowed` (start → end) that are clean by the rule above (tests).
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

    /// Calls `body` with each executable file mapping in /proc/self/maps, and each read-only one
    /// that overlaps no loaded object's writable segment.
    static func forEachCleanMapping(_ body: (MappingLine) -> Void) {
        let writable = writableSegments()
        forEachLine(of: "/proc/self/maps") { bytes in
            guard let mapping = MappingLine(String(decoding: bytes, as: UTF8.self)), mapping.isCleanFileCandidate else { return }
            if mapping.permissions == "r-xp" || !mapping.overlaps(writable) {
                body(mapping)
            }
        }
    }

    /// Every loaded object's writable segments, start rounded down to its page.
    static func writableSegments() -> [(start: UInt, end: UInt)] {
        var buffer = [vitals_address_range](repeating: vitals_address_range(), count: 64)
        var count = Int(vitals_writable_segments(&buffer, Int32(buffer.count)))
        if count > buffer.count {
            buffer = [vitals_address_range](repeating: vitals_address_range(), count: count)
            count = min(count, Int(vitals_writable_segments(&buffer, Int32(buffer.count))))
        }
        return buffer.prefix(count).map { (UInt($0.start), UInt($0.end)) }
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

    /// Whether any of `ranges` shares an address with this mapping.
    func overlaps(_ ranges: [(start: UInt, end: UInt)]) -> Bool {
        ranges.contains { $0.start < end && start < $0.end }
    }

    /// A private mapping of a file that is never written: code, or read-only data.
    var isCleanFileCandidate: Bool {
        path.hasPrefix("/") && (permissions == "r-xp" || permissions == "r--p")
    }
}
