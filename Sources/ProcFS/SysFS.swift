import Glibc

/// Access to a sysfs tree under a configurable root (`--sysfs-root`, default `/sys`).
public struct SysFS: Sendable {
    public static let defaultRoot = "/sys"

    public let root: String

    public init(root: String = SysFS.defaultRoot) {
        self.root = normalizedRoot(root)
    }

    public func path(_ relative: String) -> String { root + "/" + relative }

    /// Names in a directory under the root (without "." and ".."); empty when it does not exist.
    public func list(_ relative: String) -> [String] {
        guard let dir = opendir(path(relative)) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != ".", name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Reads `relative` into `buffer`.
    public func read(_ relative: String, into buffer: inout ReadBuffer) throws(FileError) -> ArraySlice<UInt8> {
        try ProcFS.read(absolute: path(relative), into: &buffer)
    }

    /// Whole block devices: the entries of `block/`.
    public func blockDevices() -> Set<String> { Set(list("block")) }
}

/// A root path without trailing slashes ("/" stays "/").
func normalizedRoot(_ root: String) -> String {
    var root = root
    while root.count > 1, root.hasSuffix("/") { root.removeLast() }
    return root
}
