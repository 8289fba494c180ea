import Glibc
import TestSupport
import Testing

/// The configuration with the real binary: bad files at start, `config` commands, `R` reloads.
@Suite(.serialized) struct ConfigEndToEndTests {
    let vitals = BuiltProducts.vitals

    func write(_ path: String, _ text: String) {
        Shell.run("printf '%s' \(Shell.quote(text)) > \(Shell.quote(path))")
    }

    @Test func aBadFileAtStartPrintsEveryProblemAndLeavesTheTerminalAlone() async {
        let dir = Fixtures.temporaryDirectory("vitals-config-e2e")
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        write(dir + "/bad.yaml", "interval: 5x\ndashboard:\n  sort: cpuu\n")
        let session = TmuxSession(
            width: 160, height: 20,
            command: "cd \(Shell.quote(dir)); echo BEFORE; \(Shell.quote(vitals)) --config bad.yaml; echo EXIT=$?; sleep 30"
        )
        let (found, screen) = await session.waitFor(["EXIT="], seconds: 5)
        #expect(found, "screen was:\n\(screen)")
        let lines = screen.split(separator: "\n").map(String.init)
        #expect(lines.prefix(4) == [
            "BEFORE",
            "bad.yaml:1:11: interval: \"5x\" is not a duration (use a number and a unit: 500ms, 10s, 5m, 2h, 7d)",
            "bad.yaml:3:9: dashboard.sort: \"cpuu\" is not one of cpu, memory, io, time, virtual, threads, nice, pid, name, user; did you mean \"cpu\"?",
            "EXIT=1",
        ], "nothing but the problems between the shell's lines")
    }

    @Test func initThenCheckThenShow() async {
        let dir = Fixtures.temporaryDirectory("vitals-config-e2e")
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        let env = "XDG_CONFIG_HOME=\(Shell.quote(dir))"
        let v = Shell.quote(vitals)
        #expect(Shell.run("\(env) \(v) config init").output == "wrote \(dir)/vitals/config.yaml\n")
        let again = Shell.run("\(env) \(v) config init")
        #expect(again.status == 1 && again.output.contains("exists; use --force to replace it"))
        #expect(Shell.run("\(env) \(v) config init --force").status == 0)
        let check = Shell.run("\(env) \(v) config check")
        #expect(check.status == 0)
        #expect(check.output.hasPrefix("\(dir)/vitals/config.yaml: ok ("), "\(check.output)")
        let show = Shell.run("\(env) VITALS_DASHBOARD_SORT=io \(v) config show --config \(dir)/vitals/config.yaml").output
        #expect(show.contains("dashboard.sort"))
        let sortLine = show.split(separator: "\n").first { $0.hasPrefix("dashboard.sort ") } ?? ""
        #expect(sortLine.contains("io") && sortLine.hasSuffix("# environment VITALS_DASHBOARD_SORT"), "\(sortLine)")
        let themeLine = show.split(separator: "\n").first { $0.hasPrefix("dashboard.theme ") } ?? ""
        #expect(themeLine.contains("\(dir)/vitals/config.yaml:"), "from the file, with its line: \(themeLine)")
        write(dir + "/vitals/config.yaml", "dashboard:\n  theme: nope\n")
        let bad = Shell.run("\(env) \(v) config check")
        #expect(bad.status == 1)
        #expect(bad.output.contains("config.yaml:2:10: dashboard.theme: unknown theme \"nope\""))
    }

    @Test func rReloadsAGoodFileAndKeepsRunningOnABadOne() async {
        let dir = Fixtures.temporaryDirectory("vitals-config-e2e")
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        let path = dir + "/c.yaml"
        write(path, "dashboard:\n  sort: cpu\n")
        let session = TmuxSession(width: 200, height: 50, command: "exec \(Shell.quote(vitals)) --config \(Shell.quote(path))")
        await #expect(session.waitFor(["by CPU"], seconds: 10).found)
        write(path, "dashboard:\n  sort: disk\n")
        session.send("R")
        let (refused, screen) = await session.waitFor(["config not reloaded, 1 problem: ", "by CPU"], seconds: 10)
        #expect(refused, "screen was:\n\(screen)")
        write(path, "dashboard:\n  sort: memory\n")
        session.send("R")
        let (reloaded, after) = await session.waitFor(["config reloaded", "by memory"], seconds: 10)
        #expect(reloaded, "screen was:\n\(after)")
    }
}
