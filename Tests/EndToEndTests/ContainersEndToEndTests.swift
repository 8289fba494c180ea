import Glibc
import TestSupport
import Testing

/// The containers collector against real parts: Podman's Engine API service started by the test
/// (containers can be created and removed here, not started), and a runtime in the test serving
/// Docker's answers for the states Podman cannot reach on these machines.
@Suite(.serialized) struct ContainersEndToEndTests {
    let vitals = BuiltProducts.vitals

    @Test func podmansContainersInTheSnapshotAndMetricsAndTheirRemoval() async throws {
        guard Shell.run("command -v podman && test -x /bin/busybox").status == 0 else {
            Issue.record("podman and busybox are needed: scripts/setup.sh --tests installs them")
            return
        }
        let dir = Fixtures.temporaryDirectory("vitals-podman")
        let socket = dir + "/podman.sock"
        let service = Shell.run("podman system service --time=0 unix://\(socket) > \(dir)/service.log 2>&1 & echo $!").output
        let servicePID = Int32(service.split(separator: "\n").first ?? "") ?? 0
        let name = "vitals-e2e-\(getpid())"
        let image = "localhost/vitals-e2e-busybox:1"
        defer {
            Shell.run("podman rm -f \(name) >/dev/null 2>&1; podman rmi -f \(image) >/dev/null 2>&1")
            kill(servicePID, SIGTERM)
            Shell.run("rm -rf \(Shell.quote(dir))")
        }
        #expect(await Shell.waitUntil(seconds: 20) { Shell.run("test -S \(Shell.quote(socket))").status == 0 }, "\(Fixtures.text(dir + "/service.log") ?? "")")
        // The smallest image there is: busybox alone, imported from a tarball (no registry).
        let made = Shell.run("""
            mkdir -p \(dir)/root/bin && cp /bin/busybox \(dir)/root/bin/ && tar -C \(dir)/root -cf \(dir)/image.tar . \
            && podman import \(dir)/image.tar \(image) && podman create --name \(name) \(image) /bin/busybox true
            """)
        #expect(made.status == 0, "\(made.output)")

        let snapshot = Shell.run("VITALS_CONTAINERS_SOCKET=\(Shell.quote(socket)) \(Shell.quote(vitals)) snapshot --json").output
        #expect(snapshot.contains(#""name":"vitals_container_state","labels":{"name":"\#(name)","state":"created"},"value":1"#), "\(snapshot.prefix(300))")
        #expect(snapshot.contains(#""image":"\#(image)""#))

        let config = dir + "/config.yaml"
        _ = Fixtures.write("containers:\n  socket: \(socket)\n", to: config)
        let agent = AgentProcess(extra: "--config \(Shell.quote(config))")
        #expect(await agent.start(), "\(agent.log)")
        var metrics = ""
        #expect(await Shell.waitUntil(seconds: 15) {
            metrics = Shell.run("curl -s \(agent.url)/metrics").output
            return metrics.contains(#"vitals_container_state{name="\#(name)",state="created"} 1"#)
        }, "\(metrics.split(separator: "\n").filter { $0.contains("container") }.joined(separator: "\n"))")
        #expect(metrics.contains(#"vitals_collector_success{collector="containers"} 1"#))
        // Removed: gone from /metrics within seconds, from the runtime's event, not a poll.
        Shell.run("podman rm \(name)")
        #expect(await Shell.waitUntil(seconds: 10) { !Shell.run("curl -s \(agent.url)/metrics").output.contains(name) })
        await agent.kill()
    }

    @Test func aFailedContainerIsInTheAlertColourAndNoRuntimeSaysWhy() async throws {
        let dir = Fixtures.temporaryDirectory("vitals-engine-e2e")
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        let engine = try FakeEngine(path: dir + "/docker.sock")
        defer { engine.stop() }
        let fixtures = Fixtures.packageRoot + "/Tests/ContainerRuntimeTests/Fixtures/docker-api-1.45/"
        engine.answer("/version", .init(Fixtures.text(fixtures + "version.json") ?? ""))
        engine.answer("/containers/json", .init(Fixtures.text(fixtures + "containers.json") ?? "", chunked: true))
        let session = TmuxSession(width: 160, height: 40, command: "VITALS_CONTAINERS_SOCKET=\(Shell.quote(engine.path)) exec \(Shell.quote(vitals)) --no-history-file")
        defer { session.kill() }
        await #expect(session.waitFor(["by CPU"], seconds: 10).found)
        session.send("c")
        let (found, screen) = await session.waitFor(["4 containers", "exited", "worker", "exit 137", "unhealthy"], seconds: 10)
        #expect(found, "\(screen)")
        let colored = session.captureWithEscapes().split(separator: "\n").map(String.init)
        let worker = colored.first { $0.contains("worker") } ?? ""
        let web = colored.first { $0.contains(" web ") || $0.contains("web  nginx") } ?? ""
        #expect(!worker.isEmpty && !web.isEmpty)
        func codes(_ line: String) -> Set<String> {
            Set(line.split(separator: "\u{1B}").dropFirst().map { String($0.prefix { $0 != "m" }) })
        }
        #expect(codes(worker) != codes(web), "the failed row is drawn in another colour:\n\(worker.debugDescription)\n\(web.debugDescription)")
        // The failed ones lead the list.
        let rows = screen.split(separator: "\n").filter { $0.contains("running") || $0.contains("exited") || $0.contains("dead") }
        #expect(rows.prefix(3).allSatisfy { !$0.contains(" web ") }, "\(rows)")

        // No runtime at all: the view says why, the status line stays quiet.
        let bare = TmuxSession(width: 160, height: 40, command: "VITALS_CONTAINERS_SOCKET=\(Shell.quote(dir + "/none.sock")) exec \(Shell.quote(vitals)) --no-history-file")
        defer { bare.kill() }
        await #expect(bare.waitFor(["by CPU"], seconds: 10).found)
        bare.send("c")
        let (said, bareScreen) = await bare.waitFor(["no container runtime", "names and states come from cgroups"], seconds: 10)
        #expect(said, "\(bareScreen)")
        #expect(!(bareScreen.split(separator: "\n").first ?? "").contains("containers:"), "no status-line complaint")
    }
}
