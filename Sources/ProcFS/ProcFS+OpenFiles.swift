import Glibc

extension ProcFS {
    /// One entry of `/proc/PID/fd`: the descriptor and what it points at (`/var/log/syslog`,
    /// `socket:[12345]`, `pipe:[678]`, `anon_inode:[eventfd]`).
    public struct OpenFile: Sendable, Equatable {
        public var descriptor: Int32
        public var target: String

        public init(descriptor: Int32, target: String) {
            self.descriptor = descriptor
            self.target = target
        }
    }

    /// The open files of `pid`, by descriptor, at most `limit` of them (a process may hold
    /// hundreds of thousands). Reading another user's needs the same rights as ptrace: EACCES.
    public func openFiles(pid: Int32, limit: Int = 10_000) throws(FileError) -> (files: [OpenFile], more: Bool) {
        let directory = path("\(pid)/fd")
        guard let dir = opendir(directory) else { throw FileError(path: directory, errno: errno) }
        defer { closedir(dir) }
        var files: [OpenFile] = []
        var more = false
        var link = [CChar](repeating: 0, count: 4096)
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard let fd = Int32(name) else { continue }
            guard files.count < limit else {
                more = true
                break
            }
            // A descriptor closed between readdir and readlink is simply not listed.
            let count = readlink(directory + "/" + name, &link, link.count - 1)
            guard count >= 0 else { continue }
            let target = link.prefix(count).withUnsafeBufferPointer { buffer in
                String(decoding: UnsafeRawBufferPointer(buffer), as: UTF8.self)
            }
            files.append(OpenFile(descriptor: fd, target: target))
        }
        files.sort { $0.descriptor < $1.descriptor }
        return (files, more)
    }
}
