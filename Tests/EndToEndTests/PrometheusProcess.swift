import Foundation
import Glibc
import TestSupport

/// A real Prometheus on a free loopback port, started by a test with `configuration` (YAML) and a
/// scratch TSDB under `directory`; killed when it goes.
final class PrometheusProcess {
    let port = LoopbackPort.free()
    let directory: String
    private let pid: String

    init(directory: String, configuration: String) {
        self.directory = directory
        _ = Fixtures.write(configuration, to: directory + "/prometheus.yml")
        pid = Shell.run(
            "prometheus --config.file=\(Shell.quote(directory))/prometheus.yml --storage.tsdb.path=\(Shell.quote(directory))/tsdb "
                + "--web.listen-address=127.0.0.1:\(port) > \(Shell.quote(directory))/prometheus.log 2>&1 & echo $!"
        ).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    var log: String { String(Fixtures.text(directory + "/prometheus.log")?.suffix(2000) ?? "") }

    /// The first result's value of `promql`, if any.
    func query(_ promql: String) -> Double? { PrometheusScrapeTests.query(port, promql) }

    /// Re-reads its configuration and rule files.
    func reload() { Shell.run("kill -HUP \(pid)") }

    /// A configuration scraping `targets` (job `vitals`) every second, evaluating `ruleFiles`.
    static func configuration(targets: [String], ruleFiles: [String] = []) -> String {
        var out = "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
        if !ruleFiles.isEmpty { out += "rule_files: [" + ruleFiles.map { "'\($0)'" }.joined(separator: ", ") + "]\n" }
        out += "scrape_configs:\n  - job_name: vitals\n    static_configs:\n      - targets: [" + targets.map { "'\($0)'" }.joined(separator: ", ") + "]\n"
        return out
    }

    deinit { Shell.run("kill \(pid) 2>/dev/null") }
}
