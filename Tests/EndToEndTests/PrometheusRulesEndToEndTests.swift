import Foundation
import Glibc
import TestSupport
import Testing

/// Fleet alerting with the host's rules: a real Prometheus scrapes a real agent and evaluates the
/// rules `vitals alerts export` wrote from the agent's own configuration. A rule that holds fires
/// in both within a few intervals; changed so that it cannot hold (both reloaded), it resolves in
/// both.
@Suite(.serialized) struct PrometheusRulesEndToEndTests {
    @Test func theExportedRuleFiresAndResolvesInPrometheusAsInTheAgent() async throws {
        let dir = Fixtures.temporaryDirectory("vitals-prom-rules")
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        let config = dir + "/config.yaml"
        func write(_ expr: String) {
            _ = Fixtures.write("alerts:\n  defaults: false\n  rules:\n    - name: load-any\n      expr: \(expr)\n      severity: warning\n      summary: \"load {{ value }} on {{ host }}\"\n", to: config)
            let export = Shell.run("\(Shell.quote(BuiltProducts.vitals)) alerts export --format prometheus --config \(Shell.quote(config)) > \(Shell.quote(dir))/rules.yml")
            #expect(export.status == 0, "\(export.output)")
        }
        write("node_load1 >= 0")
        let agent = AgentProcess(extra: "--config \(Shell.quote(config))")
        #expect(await agent.start(), "\(agent.log)")
        let prometheus = PrometheusProcess(
            directory: dir, configuration: PrometheusProcess.configuration(targets: ["127.0.0.1:\(agent.port)"], ruleFiles: [dir + "/rules.yml"])
        )
        let promPort = prometheus.port
        let firingInPrometheus = "ALERTS{alertname=\"load-any\",alertstate=\"firing\",job=\"vitals\"}"
        func agentFiring() -> Bool {
            let answer = Shell.run("curl -s \(agent.url)/api/v1/alerts").output
            return answer.contains("\"alertname\":\"load-any\"") && answer.contains("\"state\":\"firing\"")
        }
        let fired = await Shell.waitUntil(seconds: 30) { PrometheusScrapeTests.query(promPort, firingInPrometheus) == 1 }
        #expect(fired, "Prometheus fires it; prometheus.log:\n\(prometheus.log)")
        #expect(agentFiring(), "the agent fires it too")
        // The summary, filled in by Prometheus from the translated template.
        var listed = ""
        let summarised = await Shell.waitUntil(seconds: 10) {
            listed = Shell.run("curl -s 'http://127.0.0.1:\(promPort)/api/v1/alerts'").output
            return listed.contains("\"summary\":\"load ")
        }
        #expect(summarised, "\(listed)")

        write("node_load1 < 0")
        prometheus.reload()
        if let pid = agent.pid { kill(pid, SIGHUP) }
        let resolved = await Shell.waitUntil(seconds: 30) { PrometheusScrapeTests.query(promPort, firingInPrometheus) == nil && !agentFiring() }
        #expect(resolved, "both resolve")
        withExtendedLifetime(prometheus) {}  // killed when it goes
    }
}
