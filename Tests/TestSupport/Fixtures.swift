import Glibc

/// Paths to the checked-in fixture trees and the package, found from this file's location.
public enum Fixtures {
    /// The package's root directory.
    public static let packageRoot: String = {
        var path = #filePath
        for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
        return path
    }()

    /// A procfs/sysfs tree captured from a Debian 12 VM (2 cores), plus hand-made hard cases.
    public static let machine = packageRoot + "/Tests/CollectorsTests/Fixtures/debian12-vm"
    public static let procRoot = machine + "/proc"
    public static let sysRoot = machine + "/sys"

    /// Bytes of a string, as parsers take them.
    public static func bytes(_ text: String) -> ArraySlice<UInt8> { Array(text.utf8)[...] }

    /// Bytes of a file (fixture or real), or nil when it cannot be read.
    public static func read(_ path: String) -> ArraySlice<UInt8>? {
        guard let f = fopen(path, "rb") else { return nil }
        defer { fclose(f) }
        return readAll(f)[...]
    }

    /// Everything left in a C stream.
    public static func readAll(_ stream: UnsafeMutablePointer<FILE>) -> [UInt8] {
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = fread(&chunk, 1, chunk.count, stream)
            if n <= 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }

    /// Text of a file, or nil.
    public static func text(_ path: String) -> String? {
        read(path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Writes `text` to `path` (creating parent directories is the caller's job).
    @discardableResult
    public static func write(_ text: String, to path: String) -> Bool {
        guard let f = fopen(path, "wb") else { return false }
        defer { fclose(f) }
        let bytes = Array(text.utf8)
        return fwrite(bytes, 1, bytes.count, f) == bytes.count
    }

    /// A fresh empty directory under /tmp.
    public static func temporaryDirectory(_ prefix: String = "vitals-test") -> String {
        var template = Array("/tmp/\(prefix).XXXXXX".utf8CString)
        guard let p = mkdtemp(&template) else { fatalError("mkdtemp failed") }
        return String(cString: p)
    }

    /// Makes every directory along `path`.
    public static func makeDirectories(_ path: String) {
        var current = ""
        for part in path.split(separator: "/") {
            current += "/" + part
            mkdir(current, 0o755)
        }
    }
}
