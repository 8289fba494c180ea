import Glibc
import Rendering
import VitalsConfig

/// F2's columns into the configuration file as `dashboard.columns`, every other line kept as it
/// was (`ConfigEdit`). The edited text must read back with the same columns and no new problem,
/// else nothing is written; the file is replaced whole (a new file renamed over it), so a crash
/// mid-write never leaves half a configuration.
enum ColumnsSaver {
    /// What happened, for the status line.
    static func save(_ columns: [ProcessColumn], to path: String?) -> String {
        guard let path else { return "columns changed for this run only: there is no configuration file to save them in" }
        let names = columns.map(\.rawValue)
        var existing = ""
        if TextFile.isReadable(path) {
            switch TextFile.read(path, limit: ConfigLoader.maxFileBytes) {
            case let .success(text): existing = text
            case let .failure(problem): return "columns not saved: " + problem.message
            }
        } else if access(path, F_OK) == 0 {
            return "columns not saved: cannot read \(path)"
        }
        let edited = ConfigEdit.setting(section: "dashboard", key: "columns", flowList: names, in: existing)
        let before = errors(existing, path), after = ConfigFileParser.parse(edited, file: path) { _ in true }
        guard after.values["dashboard.columns"]?.value == .list(names), after.diagnostics.filter({ $0.severity == .error }).count <= before else {
            return "columns not saved: \(path) writes its dashboard section in a way vitals does not edit; set dashboard.columns there by hand"
        }
        if let problem = write(edited, to: path) { return "columns not saved: " + problem }
        return "columns saved to \(path)"
    }

    private static func errors(_ text: String, _ path: String) -> Int {
        ConfigFileParser.parse(text, file: path) { _ in true }.diagnostics.filter { $0.severity == .error }.count
    }

    /// `text` as the file at `path`: written beside it, then renamed over it (its directory made
    /// first, as `config init` would).
    static func write(_ text: String, to path: String) -> String? {
        if let slash = path.lastIndex(of: "/"), slash != path.startIndex, let problem = TextFile.makeDirectories(String(path[..<slash])) {
            return problem
        }
        let temporary = path + ".vitals-new"
        if case let .failure(problem) = TextFile.create(temporary, text, replace: true) { return problem.message }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            return "cannot replace \(path): \(reason)"
        }
        return nil
    }
}
