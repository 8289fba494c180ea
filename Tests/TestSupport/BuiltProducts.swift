import Glibc

/// Where `swift build` put the `vitals` executable that these tests run.
public enum BuiltProducts {
    /// The executable next to the running test bundle (same build configuration), else .build/debug.
    public static var vitals: String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if n > 0 {
            let exe = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let candidate = String(exe[..<exe.lastIndex(of: "/")!]) + "/vitals"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return Fixtures.packageRoot + "/.build/debug/vitals"
    }
}
