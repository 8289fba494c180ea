import Glibc

/// Hands the kernel back the clean file pages (code, read-only data) once start-up is over.
///
/// Start-up (the Swift runtime, Foundation's and SQLite's initialisers, parsing the configuration,
/// loading history) runs code that the steady state never runs again, and the kernel maps code in
/// 64 KiB runs around each fault; all of it stays resident. `MADV_PAGEOUT` on the read-only and
/// executable mappings drops those pages (they are clean: nothing is written, and the
/// page cache serves any that are needed again), so the resident set becomes the working set.
/// Measured in the README ("Costs").
public enum StartupPages {
    /// `MADV_PAGEOUT` (Linux 5.4); older kernels answer EINVAL, which is harmless.
    private static let pageOut: Int32 = 21

    public static func release() {
        guard let maps = fopen("/proc/self/maps", "r") else { return }
        defer { fclose(maps) }
        var line = [CChar](repeating: 0, count: 4096)
        while fgets(&line, Int32(line.count), maps) != nil {
            let length = line.firstIndex(of: 0) ?? line.count
            var text = String(decoding: line[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if text.hasSuffix("\n") { text.removeLast() }
            // "start-end perms offset dev inode path": file pages that are never written (our binary's
            // and the libraries'; pages other processes also map stay, the kernel skips them).
            let fields = text.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 6, fields[5].hasPrefix("/"), fields[1] == "r-xp" || fields[1] == "r--p" else { continue }
            let range = fields[0].split(separator: "-")
            guard range.count == 2, let start = UInt(range[0], radix: 16), let end = UInt(range[1], radix: 16), end > start else { continue }
            _ = madvise(UnsafeMutableRawPointer(bitPattern: start), Int(end - start), pageOut)
        }
    }
}
