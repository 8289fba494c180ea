import Glibc

/// Access to a procfs tree under a configurable root: the only code that opens files there.
///
/// The root is `/proc` by default; tests and containers point it elsewhere (`--procfs-root`).
public struct ProcFS: Sendable {
    public static let defaultRoot = "/proc"

    public let root: String

    public init(root: String = ProcFS.defaultRoot) {
        self.root = normalizedRoot(root)
    }

    /// The absolute path of `relative` (e.g. "stat", "net/dev") under the root.
    public func path(_ relative: String) -> String { root + "/" + relative }

    /// The `/etc/passwd` that belongs to this root: `<root>/../etc/passwd` (so `/host/proc` → `/host/etc/passwd`).
    public var passwdPath: String {
        guard let slash = root.lastIndex(of: "/") else { return "/etc/passwd" }
        return String(root[..<slash]) + "/etc/passwd"
    }

    /// Reads `relative` into `buffer`; the returned slice is valid until the buffer's next read.
    public func read(_ relative: String, into buffer: inout ReadBuffer) throws(FileError) -> ArraySlice<UInt8> {
        try Self.read(absolute: path(relative), into: &buffer)
    }

    /// Reads a whole file at an absolute path (used for files outside the root such as passwd).
    public static func read(absolute path: String, into buffer: inout ReadBuffer) throws(FileError) -> ArraySlice<UInt8> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileError(path: path, errno: errno) }
        defer { close(fd) }
        do {
            return try buffer.read(fd: fd)
        } catch {
            throw FileError(path: path, errno: error.errno)
        }
    }

    /// Numeric entries of the root (process ids), appended to `pids` after clearing it.
    public func listPIDs(into pids: inout [Int32]) throws(FileError) {
        pids.removeAll(keepingCapacity: true)
        guard let dir = opendir(root) else { throw FileError(path: root, errno: errno) }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let pid: Int32? = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                var value: Int32 = 0
                var count = 0
                for byte in raw {
                    if byte == 0 { break }
                    let digit = byte &- 0x30
                    guard digit < 10, count < 10 else { return nil }
                    value = value &* 10 &+ Int32(digit)
                    count += 1
                }
                return count > 0 ? value : nil
            }
            if let pid { pids.append(pid) }
        }
    }

    /// Size and inode counts of the filesystem mounted at `mountPoint`.
    public func filesystemStats(at mountPoint: String) throws(FileError) -> (size: UInt64, free: UInt64, available: UInt64, files: UInt64, filesFree: UInt64) {
        var st = statvfs()
        guard statvfs(mountPoint, &st) == 0 else { throw FileError(path: mountPoint, errno: errno) }
        let unit = UInt64(st.f_frsize == 0 ? st.f_bsize : st.f_frsize)
        return (UInt64(st.f_blocks) * unit, UInt64(st.f_bfree) * unit, UInt64(st.f_bavail) * unit, UInt64(st.f_files), UInt64(st.f_ffree))
    }
}
