import ArgumentParser
import Glibc
import ProcFS

/// Where the collectors read from: the host's /proc and /sys, or copies (containers, fixtures).
struct SourceOptions: ParsableArguments {
    @Option(name: .customLong("procfs-root"), help: "Root of the procfs tree to read.")
    var procfsRoot = ProcFS.defaultRoot

    @Option(name: .customLong("sysfs-root"), help: "Root of the sysfs tree to read.")
    var sysfsRoot = SysFS.defaultRoot

    func validate() throws {
        guard let dir = opendir(procfsRoot) else {
            throw ValidationError("--procfs-root \(procfsRoot) is not a readable directory")
        }
        closedir(dir)
    }

    var procfs: ProcFS { ProcFS(root: procfsRoot) }
    var sysfs: SysFS { SysFS(root: sysfsRoot) }
}
