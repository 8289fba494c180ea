/// The version this build reports: `vitals --version`, `vitals-agent --version` and the
/// `User-Agent` of the alert notifications' HTTP requests. Set by hand when a release is tagged
/// (there is no build-time stamping: a build from a checkout reports the version it was cut from).
public enum VitalsVersion {
    public static let current = "0.1.0"
}
