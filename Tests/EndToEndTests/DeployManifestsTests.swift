import Foundation
import Glibc
import TestSupport
import Testing

/// deploy/ checked offline: every manifest through yamllint, the compose Prometheus configuration
/// through `promtool check config` (with the rules it loads), and the arguments the Containerfile,
/// the compose file and the DaemonSet give the agent run by the real agent, with the image's
/// health check asked of it. (Containers cannot start on the machines CI runs on.)
@Suite(.serialized) struct DeployManifestsTests {
    let root = Fixtures.packageRoot

    @Test func yamllintAcceptsEveryManifest() {
        let lint = Shell.run("cd \(Shell.quote(root)) && yamllint -f parsable -c deploy/.yamllint.yaml deploy")
        #expect(lint.status == 0 && lint.output.isEmpty, "\(lint.output)")
    }

    @Test func promtoolAcceptsTheComposePrometheusAndItsRules() throws {
        let dir = Fixtures.temporaryDirectory("vitals-deploy-prom")
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        let config = try #require(Fixtures.text(root + "/deploy/compose/prometheus.yml"))
        #expect(Fixtures.write("key\n", to: dir + "/api-key"))
        Shell.run("mkdir -p \(Shell.quote(dir))/rules && cp \(Shell.quote(root))/deploy/prometheus/vitals-rules.yml \(Shell.quote(dir))/rules/")
        let local = config.replacingOccurrences(of: "/run/secrets/api-key", with: dir + "/api-key")
            .replacingOccurrences(of: "/etc/prometheus/rules/", with: dir + "/rules/")
        #expect(Fixtures.write(local, to: dir + "/prometheus.yml"))
        let check = Shell.run("promtool check config \(Shell.quote(dir))/prometheus.yml")
        #expect(check.status == 0 && check.output.contains("SUCCESS: 13 rules found"), "\(check.output)")
    }

    /// The image's ENTRYPOINT and the compose and DaemonSet arguments, with the host's /proc and
    /// /sys for /host/…, a scratch data directory and a free port for 19100: the agent takes them
    /// and becomes ready, and the HEALTHCHECK's command says so.
    @Test func theAgentTakesTheArgumentsTheManifestsGiveIt() async throws {
        let dir = Fixtures.temporaryDirectory("vitals-deploy-args")
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        #expect(Fixtures.write(String(repeating: "k", count: 32) + "\n", to: dir + "/api-key"))
        let containerfile = try #require(Fixtures.text(root + "/deploy/container/Containerfile"))
        let entrypoint = try Self.jsonArray(after: "ENTRYPOINT ", in: containerfile)
        let healthcheck = try Self.jsonArray(after: "CMD [\"/bin/bash\"", in: containerfile, prefix: "[\"/bin/bash\"")
        let compose = Self.yamlList(root + "/deploy/compose/compose.yaml", path: #"["services", "agent", "command"]"#)
        let daemonset = Self.yamlList(root + "/deploy/kubernetes/daemonset.yaml", path: #"["spec", "template", "spec", "containers", 0, "args"]"#)
        #expect(entrypoint.first == "/usr/local/bin/vitals-agent" && entrypoint.dropFirst().first == "agent")
        for (source, args) in [("compose", compose), ("DaemonSet", daemonset)] {
            #expect(args.contains("--listen") && args.contains("--api-key-file"), "\(source): \(args)")
            let port = LoopbackPort.free()
            let agentPath = String(BuiltProducts.vitals.dropLast("vitals".count)) + "vitals-agent"
            let line = ([agentPath] + entrypoint.dropFirst() + args).map { word in
                word.replacingOccurrences(of: "/host/proc", with: "/proc").replacingOccurrences(of: "/host/sys", with: "/sys")
                    .replacingOccurrences(of: "/var/lib/vitals", with: dir + "/data-\(source)")
                    .replacingOccurrences(of: "0.0.0.0:19100", with: "127.0.0.1:\(port)")
                    .replacingOccurrences(of: "/run/secrets/api-key", with: dir + "/api-key")
                    .replacingOccurrences(of: "/etc/vitals/api-key", with: dir + "/api-key")
            }
            let pid = Shell.run("\(line.map(Shell.quote).joined(separator: " ")) > \(Shell.quote(dir))/\(source).log 2>&1 & echo $!").output
                .trimmingCharacters(in: .whitespacesAndNewlines)
            defer { Shell.run("kill \(pid) 2>/dev/null") }
            let ready = await Shell.waitUntil(seconds: 20) {
                Shell.run("curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:\(port)/readyz").output == "200"
            }
            #expect(ready, "\(source): \(Fixtures.text(dir + "/\(source).log") ?? "")")
            let probe = healthcheck.map { $0.replacingOccurrences(of: "19100", with: String(port)) }
            #expect(Shell.run(probe.map(Shell.quote).joined(separator: " ")).status == 0, "the HEALTHCHECK answers for \(source)")
            #expect(Shell.run("curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:\(port)/metrics").output == "401", "the key is required")
        }
    }

    /// Every panel query of the vitals dashboard returns data from a real Prometheus scraping a
    /// real agent (one with a container runtime: FakeEngine's captured Docker answers).
    @Test func everyPanelOfTheVitalsDashboardHasData() async throws {
        let dir = Fixtures.temporaryDirectory("vitals-deploy-grafana")
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        let engine = try FakeEngine(path: dir + "/docker.sock")
        defer { engine.stop() }
        engine.answerWithCapturedDocker()
        #expect(Fixtures.write("containers:\n  socket: \(engine.path)\n", to: dir + "/config.yaml"))
        // The captured host's /proc and /sys: a cgroup tree with a container's group (this
        // machine has none), for the containers' CPU and memory panels.
        let fixture = Fixtures.packageRoot + "/Tests/CollectorsTests/Fixtures/debian12-vm"
        let agent = AgentProcess(
            extra: "--config \(Shell.quote(dir))/config.yaml --procfs-root \(Shell.quote(fixture))/proc --sysfs-root \(Shell.quote(fixture))/sys"
        )
        #expect(await agent.start(), "\(agent.log)")
        let prometheus = PrometheusProcess(directory: dir, configuration: PrometheusProcess.configuration(targets: ["127.0.0.1:\(agent.port)"]))
        let dashboard = try #require(Fixtures.read(root + "/deploy/compose/grafana/dashboards/vitals.json"))
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(dashboard)) as? [String: Any])
        let panels = try #require(doc["panels"] as? [[String: Any]])
        let queries = panels.flatMap { panel in
            ((panel["targets"] as? [[String: Any]]) ?? []).compactMap { $0["expr"] as? String }.map { (panel["title"] as? String ?? "?", $0) }
        }
        #expect(queries.count >= 12)
        let port = agent.port
        func filled(_ expr: String) -> String {
            expr.replacingOccurrences(of: "$job", with: "vitals").replacingOccurrences(of: "$node", with: "127.0.0.1:\(port)")
                .replacingOccurrences(of: "$__rate_interval", with: "1m")
        }
        var empty: [String] = []
        _ = await Shell.waitUntil(seconds: 40) {
            empty = queries.filter { prometheus.query(filled($0.1)) == nil }.map { "\($0.0): \($0.1)" }
            return empty.isEmpty
        }
        #expect(empty.isEmpty, "panels without data: \(empty)")
        withExtendedLifetime(prometheus) {}  // killed when it goes
    }

    /// Dashboard 1860's queries against vitals and node_exporter on this host, side by side
    /// (scripts/dashboard-parity.py): none returns data for node_exporter alone.
    @Test func nodeExporterFullFindsEverythingItFindsForNodeExporter() {
        let run = Shell.run("cd \(Shell.quote(root)) && timeout 300 python3 scripts/dashboard-parity.py deploy/compose/grafana/dashboards/node-exporter-full.json --wait 30")
        #expect(run.status == 0 && run.output.contains(", 0 for node_exporter only"), "\(run.output)")
    }

    /// The JSON array that follows `marker` on its line (a Containerfile's exec form).
    static func jsonArray(after marker: String, in text: String, prefix: String = "") throws -> [String] {
        let line = try #require(text.split(separator: "\n").first { $0.contains(marker) })
        let start = try #require(line.range(of: prefix.isEmpty ? "[" : prefix))
        let json = String(line[start.lowerBound...])
        return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String])
    }

    /// A list in a YAML file at `path` (a JSON list of keys and indexes), read with Python's yaml
    /// (yamllint's own dependency).
    static func yamlList(_ file: String, path: String) -> [String] {
        let program = "import functools, json, sys, yaml; "
            + "print(json.dumps(functools.reduce(lambda d, k: d[k], json.loads(sys.argv[2]), yaml.safe_load(open(sys.argv[1])))))"
        let out = Shell.run("python3 -c \(Shell.quote(program)) \(Shell.quote(file)) \(Shell.quote(path))").output
        return (try? JSONSerialization.jsonObject(with: Data(out.utf8))) as? [String] ?? []
    }
}
