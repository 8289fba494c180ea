import Glibc

/// Reads `/proc/PID/stat` for every pid, every tick, as cheaply as the kernel allows.
///
/// Each stat file is opened once and kept open: later ticks cost one `pread` from offset 0 (the
/// kernel regenerates the record). The owner (the process's user) comes from `fstat` when the file
/// is opened and again every `ownerRecheckTicks` ticks. An open file belongs to one process: when
/// that process exits, its reads fail, the file is closed, and a new process that reuses the pid
/// gets a fresh open. Files of pids no longer listed are closed at `endTick`. At most
/// `maxOpenFiles` stay open (the rest are opened and closed each tick); when the process runs out
/// of descriptors anyway (EMFILE/ENFILE), the kept files are released, the cap halves, and the
/// open is retried, so keeping files open never starves the rest of the program.
public final class ProcessStatReader {
    struct OpenFile {
        var fd: Int32
        var uid: UInt32
        var seenTick: UInt32
        var ownerTick: UInt32
    }

    private var path: [CChar]
    private let prefixCount: Int
    private var buffer = ReadBuffer(capacity: 1024, limit: 64 * 1024)
    private var files: [Int32: OpenFile] = [:]
    private var tick: UInt32 = 0
    private var maxOpenFiles: Int
    public static let ownerRecheckTicks: UInt32 = 30

    /// - Parameter maxOpenFiles: how many stat files may stay open; nil raises the soft
    ///   RLIMIT_NOFILE to its hard limit and uses up to half of it.
    public init(procfs: ProcFS, maxOpenFiles: Int? = nil) {
        path = Array(procfs.root.utf8CString.dropLast()) + [CChar(UInt8(ascii: "/"))]
        prefixCount = path.count
        path.append(contentsOf: [CChar](repeating: 0, count: 32))
        self.maxOpenFiles = maxOpenFiles ?? max(0, Self.raiseFileLimit() / 2 - 128)
    }

    deinit { closeAll() }

    /// Number of stat files currently kept open.
    public var openFileCount: Int { files.count }

    /// Starts a tick: pids not read before `endTick` have their files closed.
    public func beginTick() { tick &+= 1 }

    /// Closes the files of processes that were not read this tick (they exited).
    public func endTick() {
        guard files.contains(where: { $0.value.seenTick != tick }) else { return }
        for (pid, file) in files where file.seenTick != tick {
            close(file.fd)
            files[pid] = nil
        }
    }

    /// Closes every kept file.
    public func closeAll() {
        for file in files.values { close(file.fd) }
        files.removeAll()
    }

    /// Keeps `pid`'s file open through this tick without reading it (its process was not re-read).
    public func keep(pid: Int32) {
        // A plain read and set: mutating through `files[pid]?.…` goes through Dictionary's
        // `_modify` coroutine, whose frame was measured to cost a malloc per call here.
        guard var file = files[pid] else { return }
        file.seenTick = tick
        files[pid] = file
    }

    /// The stat file's bytes and owner uid; throws `FileError` (ENOENT when the process vanished).
    public func read(pid: Int32) throws(FileError) -> (bytes: ArraySlice<UInt8>, uid: UInt32) {
        if var file = files[pid] {
            if let bytes = try? buffer.readRecord(fd: file.fd), !bytes.isEmpty {
                file.seenTick = tick
                if tick &- file.ownerTick >= Self.ownerRecheckTicks {
                    file.uid = Self.owner(of: file.fd) ?? file.uid
                    file.ownerTick = tick
                }
                files[pid] = file
                return (bytes, file.uid)
            }
            // The process this file belonged to is gone; the pid may already be someone else's.
            close(file.fd)
            files[pid] = nil
        }
        var fd = openStat(pid)
        if fd < 0, errno == EMFILE || errno == ENFILE, !files.isEmpty {
            maxOpenFiles = files.count / 2
            closeAll()
            fd = openStat(pid)
        }
        guard fd >= 0 else { throw FileError(path: nil, errno: errno) }
        let uid = Self.owner(of: fd) ?? 0
        let bytes: ArraySlice<UInt8>
        do {
            bytes = try buffer.readRecord(fd: fd)
        } catch {
            close(fd)
            throw error
        }
        if files.count < maxOpenFiles {
            files[pid] = OpenFile(fd: fd, uid: uid, seenTick: tick, ownerTick: tick)
        } else {
            close(fd)
        }
        return (bytes, uid)
    }

    private func openStat(_ pid: Int32) -> Int32 {
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
        return path.withUnsafeBufferPointer { open($0.baseAddress!, O_RDONLY | O_CLOEXEC) }
    }

    private static func owner(of fd: Int32) -> UInt32? {
        var st = stat()
        return fstat(fd, &st) == 0 ? st.st_uid : nil
    }

    /// Raises the soft open-file limit to the hard limit (capped at 1 << 20) and returns it.
    static func raiseFileLimit() -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 1024 }
        let wanted = min(limit.rlim_max, 1 << 20)
        if limit.rlim_cur < wanted {
            var raised = limit
            raised.rlim_cur = wanted
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { return Int(wanted) }
        }
        return Int(limit.rlim_cur)
    }
}
