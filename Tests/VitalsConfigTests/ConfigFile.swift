import TestSupport
import VitalsConfig

/// `text` written to a configuration file in a fresh directory, for `body`; removed after.
func withFile(_ text: String, _ body: (String) throws -> Void) rethrows {
    let dir = Fixtures.temporaryDirectory("vitals-config")
    defer { Shell.run("rm -rf \(Shell.quote(dir))") }
    let path = dir + "/config.yaml"
    _ = TextFile.create(path, text, replace: true)
    try body(path)
}
