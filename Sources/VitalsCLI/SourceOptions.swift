import ArgumentParser

/// Where the collectors read from: the host's /proc and /sys, or copies (containers, fixtures).
/// Each flag is a configuration setting given on the command line (highest precedence).
public struct SourceOptions: ParsableArguments {
    public init() {}

    @Option(name: .customLong("procfs-root"), help: "Root of the procfs tree to read (collectors.procfs_root).")
    var procfsRoot: String?

    @Option(name: .customLong("sysfs-root"), help: "Root of the sysfs tree to read (collectors.sysfs_root).")
    var sysfsRoot: String?

    @Option(
        name: .customLong("skip-fs-types"),
        help: "Comma-separated filesystem types to leave out, added to the built-in pseudo filesystems (collectors.skip_filesystem_types)."
    )
    var skipFilesystemTypes: String?

    /// These flags as configuration settings.
    public var flags: [String: (text: String, flag: String)] {
        var out: [String: (text: String, flag: String)] = [:]
        if let procfsRoot { out["collectors.procfs_root"] = (procfsRoot, "--procfs-root") }
        if let sysfsRoot { out["collectors.sysfs_root"] = (sysfsRoot, "--sysfs-root") }
        if let skipFilesystemTypes { out["collectors.skip_filesystem_types"] = (skipFilesystemTypes, "--skip-fs-types") }
        return out
    }
}
