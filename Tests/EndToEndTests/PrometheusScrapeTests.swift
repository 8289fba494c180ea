import Foundation
import Glibc
import TestSupport
import Testing

/// A real Prometheus server, started by the test on loopback, scrapes a real `vitals agent` every
/// second; its HTTP API then answers `up == 1` and a rate over node_cpu_seconds_total.
@Suite(.serialized) struct PrometheusScrapeTests {
    let vitals = BuiltProducts.vitals

    /// `query` against Prometheus' HTTP API: the first result's value, if any.
    static func query(_ port: Int, _ promql: String) -> Double? {
        let encoded = promql.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? promql
        let out = Shell.run("curl -s 'http://127.0.0.1:\(port)/api/v1/query?query=\(encoded)'").output
        guard let doc = try? JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any],
              let data = doc["data"] as? [String: Any], let result = (data["result"] as? [[String: Any]])?.first,
              let value = result["value"] as? [Any], value.count == 2, let text = value[1] as? String
        else { return nil }
        return Double(text)
    }

    @Test func prometheusScrapesTheAgent() async throws {
        guard Shell.run("command -v prometheus").status == 0 else {
            Issue.record("prometheus is missing: .ci/run installs it")
            return
        }
        let dir = Fixtures.temporaryDirectory("vitals-prometheus")
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        // AgentProcess retries on another port if this one was taken meanwhile.
        let agent = AgentProcess()
        #expect(await agent.start(), "the agent answered; agent.log:\n\(agent.log)")
        let agentPort = agent.port
        let pid = agent.pid ?? 0
        let prometheus = PrometheusProcess(directory: dir, configuration: PrometheusProcess.configuration(targets: ["127.0.0.1:\(agentPort)"]))
        let promPort = prometheus.port
        let up = await Shell.waitUntil(seconds: 30) { Self.query(promPort, "up{job=\"vitals\"}") == 1 }
        #expect(up, "up == 1; prometheus.log:\n\(prometheus.log)\nagent.log:\n\(agent.log)")
        // A full window first: Prometheus divides the increase it sees by the whole range, so a
        // window only half covered by samples reads half the rate.
        _ = await Shell.waitUntil(seconds: 40) { (Self.query(promPort, "count_over_time(node_time_seconds[10s])") ?? 0) >= 10 }
        var rate: Double?
        let rated = await Shell.waitUntil(seconds: 30) {
            rate = Self.query(promPort, "sum(rate(node_cpu_seconds_total[10s]))")
            return rate != nil
        }
        #expect(rated, "a rate over node_cpu_seconds_total")
        // All modes of all CPUs together: about one second per CPU per second.
        let cores = Double(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        if let rate { #expect(abs(rate - cores) < cores * 0.25, "sum of rates \(rate) for \(cores) CPUs") }
        #expect(Self.query(promPort, "count(node_memory_MemAvailable_bytes)") == 1)
        // SIGTERM: a graceful stop, exit status 0.
        Shell.run("kill -TERM \(pid)")
        let stopped = await Shell.waitUntil(seconds: 10) { Shell.run("kill -0 \(pid) 2>/dev/null").status != 0 }
        #expect(stopped, "the agent stopped on SIGTERM")
        #expect(agent.log.contains("stopped"), "\(agent.log)")
        withExtendedLifetime(prometheus) {}  // killed when it goes
    }

    @Test func aPublicAddressWithoutAKeyIsRefused() async {
        let result = Shell.run("\(Shell.quote(vitals)) agent --listen 0.0.0.0:\(LoopbackPort.free()) --no-history-file 2>&1")
        #expect(result.status == 1)
        #expect(result.output.contains("refusing to serve 0.0.0.0:"), "\(result.output)")
        #expect(result.output.contains("server.api_key_file"))
    }
}
