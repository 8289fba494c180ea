import Glibc

/// One reusable byte buffer for reading small kernel files: no allocation once it has grown.
public struct ReadBuffer {
    private(set) var storage: [UInt8]
    /// Largest file this buffer will grow to (a runaway or hostile file is cut off here).
    public let limit: Int

    public init(capacity: Int = 16 * 1024, limit: Int = 16 * 1024 * 1024) {
        storage = [UInt8](repeating: 0, count: capacity)
        self.limit = limit
    }

    /// Reads a single-record proc file (such as /proc/PID/stat) with one pread from offset 0: the
    /// kernel produces the whole record in one read, so a read shorter than the buffer is all of
    /// it. A full buffer falls back to `read(fd:)`.
    public mutating func readRecord(fd: Int32) throws(FileError) -> ArraySlice<UInt8> {
        let n = storage.withUnsafeMutableBytes { raw in Glibc.pread(fd, raw.baseAddress!, raw.count, 0) }
        if n < 0 { throw FileError(path: nil, errno: errno) }
        if n < storage.count { return storage[0..<n] }
        return try read(fd: fd)
    }

    /// Reads the whole of `fd` from offset 0 and returns the bytes read.
    ///
    /// Kernel files report size 0, so it reads until EOF, doubling the buffer when it fills.
    public mutating func read(fd: Int32) throws(FileError) -> ArraySlice<UInt8> {
        var filled = 0
        while true {
            if filled == storage.count {
                guard storage.count < limit else { break }
                storage.append(contentsOf: repeatElement(0, count: min(storage.count, limit - storage.count)))
            }
            let n = storage.withUnsafeMutableBytes { raw in
                Glibc.pread(fd, raw.baseAddress! + filled, raw.count - filled, off_t(filled))
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileError(path: nil, errno: errno)
            }
            if n == 0 { break }
            filled += n
        }
        return storage[0..<filled]
    }
}
