import Glibc

/// Golden files: expected screens as text, compared line by line.
///
/// `VITALS_UPDATE_GOLDEN=1 swift test` rewrites them on purpose (then review the diff in git).
public enum Golden {
    public static var isUpdating: Bool { getenv("VITALS_UPDATE_GOLDEN").map { String(cString: $0) == "1" } ?? false }

    /// Nil when `lines` match the file (or the file was rewritten); otherwise a readable diff.
    public static func compare(_ lines: [String], file path: String) -> String? {
        let actual = lines.joined(separator: "\n") + "\n"
        if isUpdating {
            return Fixtures.write(actual, to: path) ? nil : "cannot write \(path)"
        }
        guard let expected = Fixtures.text(path) else {
            return "missing golden file \(path); run with VITALS_UPDATE_GOLDEN=1 to create it"
        }
        if expected == actual { return nil }
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var report = "screen differs from \(path):\n"
        for i in 0..<max(e.count, a.count) {
            let el = i < e.count ? String(e[i]) : "<none>", al = i < a.count ? String(a[i]) : "<none>"
            if el != al { report += "line \(i + 1)\n  expected: \(el)\n  actual:   \(al)\n" }
        }
        return report
    }
}
