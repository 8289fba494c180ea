import CBuildInfo

/// The version this build reports: `vitals --version`, `vitals-agent --version`,
/// `vitals_build_info` on /metrics and the `User-Agent` of the alert notifications' HTTP requests.
/// The version is set by hand when a release is tagged; the revision is the commit the build came
/// from (Package.swift reads it from the checkout; "unknown" outside one). An incremental build
/// reports the commit its manifest was last evaluated at.
public enum VitalsVersion {
    public static let current = "0.1.0"

    /// The git commit, or "unknown".
    public static let revision = String(cString: vitals_build_revision())

    /// `0.1.0 (3f2a…)`: for `--version`.
    public static var withRevision: String {
        current + " (" + (revision.count > 12 ? String(revision.prefix(12)) : revision) + ")"
    }
}
