import Glibc

/// Small text files (the configuration, secrets): read whole, with errno's words on failure.
public enum TextFile {
    public static func read(_ path: String, limit: Int = 4 << 20) -> Result<String, SettingProblem> {
        guard let f = fopen(path, "r") else { return .failure(SettingProblem("cannot read \(path): \(String(cString: strerror(errno)))")) }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = fread(&chunk, 1, chunk.count, f)
            if n > 0 { bytes += chunk[0..<n] }
            if bytes.count > limit { return .failure(SettingProblem("\(path) is larger than \(limit / 1_048_576) MiB")) }
            if n < chunk.count {
                if ferror(f) != 0 { return .failure(SettingProblem("cannot read \(path): \(String(cString: strerror(errno)))")) }
                break
            }
        }
        return .success(String(decoding: bytes, as: UTF8.self))
    }

    public static func isReadable(_ path: String) -> Bool {
        var st = stat()
        return access(path, R_OK) == 0 && stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
    }

    /// Makes every directory along `path` (0755), as `mkdir -p`; the first that cannot be made,
    /// in words, or nil.
    @discardableResult
    public static func makeDirectories(_ path: String) -> String? {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if mkdir(current, 0o755) != 0, errno != EEXIST { return "cannot make \(current): \(String(cString: strerror(errno)))" }
        }
        return nil
    }

    /// Writes `text` to a new file (0600), refusing to replace one unless `replace`.
    public static func create(_ path: String, _ text: String, replace: Bool) -> Result<Void, SettingProblem> {
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (replace ? O_TRUNC : O_EXCL)
        let fd = open(path, flags, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { return .failure(SettingProblem("\(path) exists; use --force to replace it")) }
            return .failure(SettingProblem("cannot write \(path): \(String(cString: strerror(errno)))"))
        }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes[done...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { return .failure(SettingProblem("cannot write \(path): \(String(cString: strerror(errno)))")) }
            done += n
        }
        return .success(())
    }
}
