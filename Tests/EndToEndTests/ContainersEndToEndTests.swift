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
        engine.answerWithCapturedDocker()
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

    /// A socket this user may not open (vitals run as nobody against root's 0600 socket) and a
    /// runtime that accepts and never answers: each said plainly, and the clock keeps its ticks.
    @Test func aRefusedSocketAndAHungRuntimeAreSaidAndTicksGoOn() async throws {
        let dir = Fixtures.temporaryDirectory("vitals-engine-refused")
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        chmod(dir, 0o755)
        let engine = try FakeEngine(path: dir + "/docker.sock")
        defer { engine.stop() }
        chmod(engine.path, 0o600)
        let nobody = "setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=\(Shell.quote(dir))"
        let snapshot = Shell.run("VITALS_CONTAINERS_SOCKET=\(Shell.quote(engine.path)) \(nobody) \(Shell.quote(vitals)) snapshot --json 2>\(dir)/stderr")
        #expect(snapshot.status == 0)
        let reason = "cannot open \(engine.path): permission denied (needs root or the docker group)"
        let inJSON = snapshot.output.contains(#""name":"containers","healthy":true,"last_error":"\#(reason)""#)
        #expect(inJSON, "\(snapshot.output.suffix(300))")
        #expect(Fixtures.text(dir + "/stderr")?.contains("collector containers failed: " + reason) == true)
        let refused = TmuxSession(width: 160, height: 40, command: "VITALS_CONTAINERS_SOCKET=\(Shell.quote(engine.path)) exec \(nobody) \(Shell.quote(vitals)) --no-history-file")
        defer { refused.kill() }
        // The status line says why (cut to its room), the `c` view in full.
        let (said, screen) = await refused.waitFor(["! containers: cannot open /tmp/vitals-engine-refused"], seconds: 10)
        #expect(said, "\(screen.split(separator: "\n").prefix(1))")
        refused.send("c")
        let (whole, view) = await refused.waitFor([reason], seconds: 10)
        #expect(whole, "\(view.split(separator: "\n").suffix(3))")

        engine.hang(true)
        let hung = TmuxSession(width: 160, height: 40, command: "VITALS_CONTAINERS_SOCKET=\(Shell.quote(engine.path)) exec \(Shell.quote(vitals)) --no-history-file --interval 1")
        defer { hung.kill() }
        // The view's last line says it whole (the status line too, unless a machine this busy
        // has other problems to say first: the refusal above checked it).
        await #expect(hung.waitFor(["by CPU"], seconds: 10).found)
        hung.send("c")
        let (timedOut, hungView) = await hung.waitFor([engine.path + " did not answer within 2000 ms"], seconds: 15)
        #expect(timedOut, "\(hungView.split(separator: "\n").suffix(3))")
        // The clock in the status line moves every second while the runtime hangs.
        func clock(_ screen: String) -> String? {
            screen.split(separator: "\n").first?.split(separator: " ").first { $0.count == 8 && $0.filter { $0 == ":" }.count == 2 }.map(String.init)
        }
        var seen = Set<String>()
        let start = Shell.now()
        while Shell.now() - start < 3.5 {
            if let c = clock(hung.capture()) { seen.insert(c) }
            usleep(200_000)
        }
        #expect(seen.count >= 3, "ticks on time: \(seen.sorted())")
    }

    /// Time travel keeps the containers' states: a container that crashed is `running` at a moment
    /// before its crash, and one created after that moment is not listed there.
    @Test func aPastMomentShowsTheContainersAsTheyWere() async throws {
        let dir = Fixtures.temporaryDirectory("vitals-engine-past")
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        let engine = try FakeEngine(path: dir + "/docker.sock")
        defer { engine.stop() }
        let web = String(repeating: "e1", count: 32)
        let late = String(repeating: "f2", count: 32)
        func summary(_ id: String, _ name: String, _ state: String, _ status: String) -> String {
            #"{"Id":"\#(id)","Names":["/\#(name)"],"Image":"nginx:1.27","State":"\#(state)","Status":"\#(status)","Created":1796600000}"#
        }
        func record(_ id: String, _ name: String, _ state: String, exit: Int) -> String {
            #"{"Id":"\#(id)","Name":"/\#(name)","Created":"2026-12-07T00:00:00Z","RestartCount":0,"Config":{"Image":"nginx:1.27"},"#
                + #""State":{"Status":"\#(state)","Running":\#(state == "running"),"Paused":false,"Restarting":false,"ExitCode":\#(exit),"#
                + #""StartedAt":"2026-12-07T00:00:01Z","FinishedAt":"0001-01-01T00:00:00Z"}}"#
        }
        engine.answer("/version", .init(#"{"Version":"27.1.1"}"#))
        engine.answer("/containers/json", .init("[" + summary(web, "web", "running", "Up 1 hour") + "]"))
        engine.answer("/containers/\(web)/json", .init(record(web, "web", "running", exit: 0)))
        let session = TmuxSession(width: 160, height: 40, command: "VITALS_CONTAINERS_SOCKET=\(Shell.quote(engine.path)) exec \(Shell.quote(vitals)) --interval 500ms")
        defer { session.kill() }
        await #expect(session.waitFor(["by CPU"], seconds: 10).found)
        session.send("c")
        await #expect(session.waitFor(["1 container,", "running"], seconds: 10).found, "\(session.capture())")
        await Shell.pause(3)
        // web dies with 137; late is created.
        engine.answer("/containers/\(web)/json", .init(record(web, "web", "exited", exit: 137)))
        engine.answer("/containers/\(late)/json", .init(record(late, "late", "created", exit: 0)))
        let died = Shell.now()
        engine.emit(#"{"Type":"container","Action":"die","Actor":{"ID":"\#(web)"},"time":1796600100}"#)
        engine.emit(#"{"Type":"container","Action":"create","Actor":{"ID":"\#(late)"},"time":1796600101}"#)
        var (found, screen) = await session.waitFor(["2 containers", "exit 137", "late"], seconds: 10)
        #expect(found, "\(screen)")
        await Shell.pause(1)
        // Back to a second before the death (ticks of 500 ms, however long the machine took to
        // show it): within the 3 s the container was seen running, before both events.
        let back = Int(((Shell.now() - died) / 0.5).rounded(.up)) + 2
        session.send(Array(repeating: "Left", count: back).joined(separator: " "))
        (found, screen) = await session.waitFor([" PAST ", "1 container,"], seconds: 10)
        #expect(found, "\(screen)")
        let row = screen.split(separator: "\n").first { $0.contains(" web ") } ?? ""
        #expect(row.contains("running") && !row.contains("exit 137"), "\(row)")
        #expect(!screen.contains(" late "), "created after that moment")
        session.send("Escape")
        (found, screen) = await session.waitFor(["2 containers", "exit 137"], seconds: 10)
        #expect(found && !screen.contains(" PAST "), "live again: \(screen)")
    }
}
