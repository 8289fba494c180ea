import Glibc
import TestSupport
import Testing

/// SIGHUP reloads the agent as `R` reloads the dashboard: a changed `collectors.skip_interfaces`
/// takes effect without a restart.
@Suite(.serialized) struct AgentReloadEndToEndTests {
    @Test func sighupAppliesSkippedInterfaces() async throws {
        let dir = Fixtures.temporaryDirectory("vitals-reload")
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        let config = dir + "/config.yaml"
        Shell.run("printf 'collectors:\\n  skip_interfaces: []\\n' > \(Shell.quote(config))")
        let agent = AgentProcess(extra: "--config \(Shell.quote(config))")
        #expect(await agent.start(), "\(agent.log)")
        // The agent is killed when it goes (AgentProcess.deinit).
        let pid = try #require(agent.pid)
        let loopback = "node_network_receive_bytes_total{device=\"lo\"}"
        func metrics() -> String { Shell.run("curl -s \(agent.url)/metrics").output }
        #expect(metrics().contains(loopback), "lo is reported before the reload")
        Shell.run("printf 'collectors:\\n  skip_interfaces: [lo]\\n' > \(Shell.quote(config))")
        kill(pid, SIGHUP)
        await #expect(Shell.waitUntil(seconds: 10) { !metrics().contains(loopback) }, "\(agent.log)")
        #expect(agent.log.contains("configuration reloaded"), "\(agent.log)")
    }
}
