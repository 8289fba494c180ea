import ArgumentParser
import Collectors
import Glibc
import ProcFS

/// Where the collectors read from: the host's /proc and /sys, or copies (containers, fixtures).
struct SourceOptions: ParsableArguments {
    @Option(name: .customLong("procfs-root"), help: "Root of the procfs tree to read.")
    var procfsRoot = ProcFS.defaultRoot

    @Option(name: .customLong("sysfs-root"), help: "Root of the sysfs tree to read.")
    var sysfsRoot = SysFS.defaultRoot

    @Option(
        name: .customLong("skip-fs-types"),
        help: "Comma-separated filesystem types to leave out, added to the built-in pseudo filesystems (proc, tmpfs, …)."
    )
    var skipFilesystemTypes: String = ""

    var ignoredFilesystemTypes: Set<String> {
        FilesystemCollector.defaultIgnoredTypes.union(skipFilesystemTypes.split(separator: ",").map { String($0) })
    }

    func validate() throws {
        guard let dir = opendir(procfsRoot) else {
            throw ValidationError("--procfs-root \(procfsRoot) is not a readable directory")
        }
        closedir(dir)
    }

    var procfs: ProcFS { ProcFS(root: procfsRoot) }
    var sysfs: SysFS { SysFS(root: sysfsRoot) }
}
