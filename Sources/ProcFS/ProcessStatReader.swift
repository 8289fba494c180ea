import Glibc

/// Reads `/proc/PID/stat` for many pids per tick with one reused path buffer and one reused
/// read buffer: open, fstat (the owner is the process's user), pread, close — no Strings built.
public struct ProcessStatReader {
    private var path: [CChar]
    private let prefixCount: Int
    private var buffer = ReadBuffer(capacity: 1024, limit: 64 * 1024)

    public init(procfs: ProcFS) {
        path = Array(procfs.root.utf8CString.dropLast()) + [CChar(UInt8(ascii: "/"))]
        prefixCount = path.count
        path.append(contentsOf: [CChar](repeating: 0, count: 32))
    }

    /// The stat file's bytes and owner uid; throws `FileError` (ENOENT when the process vanished).
    public mutating func read(pid: Int32) throws(FileError) -> (bytes: ArraySlice<UInt8>, uid: UInt32) {
        var digitCount = 1
        var rest = pid / 10
        while rest > 0 {
            digitCount += 1
            rest /= 10
        }
        var n = max(pid, 0)
        for k in stride(from: prefixCount + digitCount - 1, through: prefixCount, by: -1) {
            path[k] = CChar(UInt8(n % 10) + 0x30)
            n /= 10
        }
        var i = prefixCount + digitCount
        for byte in "/stat".utf8 {
            path[i] = CChar(bitPattern: byte)
            i += 1
        }
        path[i] = 0
        let fd = path.withUnsafeBufferPointer { open($0.baseAddress!, O_RDONLY | O_CLOEXEC) }
        guard fd >= 0 else { throw FileError(path: nil, errno: errno) }
        defer { close(fd) }
        var st = stat()
        let uid: UInt32 = fstat(fd, &st) == 0 ? st.st_uid : 0
        return (try buffer.read(fd: fd), uid)
    }
}
