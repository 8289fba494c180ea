import Foundation
import Glibc
import TestSupport
import Testing

/// `vitals attach URL` in tmux against a `vitals agent` the test started on loopback: the remote
/// host's panes, signals refused, the agent killed (the status line says so) and started again
/// (attached again); and the refusals that end before any screen opens.
@Suite(.serialized) struct AttachEndToEndTests {
    let vitals = BuiltProducts.vitals

    @Test func theRemoteHostIsShownLostAndFoundAgain() async throws {
        let agent = AgentProcess()
        #expect(await agent.start(), "\(agent.log)")
        let host = Shell.run("uname -n").output.split(separator: "\n").first.map(String.init) ?? "?"
        let session = TmuxSession(width: 140, height: 40, command: "exec \(Shell.quote(vitals)) attach \(agent.url)")
        defer { session.kill() }
        var (found, screen) = await session.waitFor([" REMOTE ", " " + host + " ", "attached to \(agent.url)", "heaviest on \(host)", "CPU", "Memory"], seconds: 20)
        #expect(found, "\(screen)")
        // The agent's configured interval, though it was attached to right after its warm-up tick.
        #expect(screen.contains("every 1s"), "\(screen)")
        // The process pane's rows come from the stream's `processes` items: a pid, a user, a CPU %.
        func processRows(_ screen: String) -> [Substring] {
            screen.split(separator: "\n").filter { line in
                let cells = line.split(separator: " ", omittingEmptySubsequences: true)
                return cells.count > 4 && cells[0] == "│" && Int(cells[1]) != nil && cells[3].hasSuffix("%")
            }
        }
        // The backfill (series, no processes) can be drawn a moment before the first live tick.
        #expect(await Shell.waitUntil(seconds: 10) { !processRows(session.capture()).isEmpty }, "process rows from the remote:\n\(session.capture())")
        // Another host's processes: no signals.
        session.send("j")
        session.send("k")
        (found, screen) = await session.waitFor(["read-only: signals are off (another host"], seconds: 10)
        #expect(found, "\(screen)")
        // Any key clears the refusal.
        session.send("j")
        await agent.kill()
        (found, screen) = await session.waitFor(["DISCONNECTED", "! connection refused by 127.0.0.1", "none while disconnected"], seconds: 15)
        #expect(found, "\(screen)")
        let staleRows = processRows(screen)
        #expect(staleRows.isEmpty, "no rows of the last tick while disconnected:\n\(screen)")
        // `r` reconnects at once: wait for a long wait before the next try (5 s or more), start
        // the agent, press `r`, and the link is up well before that try was due.
        func retryIn(_ screen: String) -> Int? {
            guard let range = screen.range(of: "retry in ") else { return nil }
            return Int(screen[range.upperBound...].prefix { $0.isNumber })
        }
        #expect(await Shell.waitUntil(seconds: 30) { (retryIn(session.capture()) ?? 0) >= 8 }, "\(session.capture())")
        #expect(await agent.start(), "\(agent.log)")
        let due = retryIn(session.capture()) ?? 0
        session.send("r")
        let pressed = Date()
        // The status line starts with the link's state (its notice may be cut by the key's outcome).
        (found, screen) = await session.waitFor([" REMOTE ", "reconnecting now"], seconds: 25)
        #expect(found, "\(screen)")
        let took = Date().timeIntervalSince(pressed)
        #expect(due >= 3 && took < Double(due) - 1, "r reconnected after \(took) s; the next try was due in \(due) s")
        session.send("j")
        (found, screen) = await session.waitFor([" REMOTE ", "attached to \(agent.url)"], seconds: 10)
        #expect(found, "\(screen)")
        #expect(!screen.contains("DISCONNECTED"))
        let pid = session.panePID()
        session.send("q")
        let exited = await Shell.waitUntil(seconds: 10) { pid.map { !isRunning($0) } ?? true }
        #expect(exited, "q quits while attached")
    }

    @Test func refusalsAreOneLineBeforeTheScreenOpens() async throws {
        let keyFile = Shell.run("mktemp /tmp/vitals-key-XXXXXX").output.split(separator: "\n").first.map(String.init) ?? "/tmp/vitals-key"
        defer { Shell.run("rm -f \(Shell.quote(keyFile)) \(Shell.quote(keyFile)).wrong") }
        Shell.run("printf 'right-key-0123456789abcdef' > \(Shell.quote(keyFile)) && printf 'wrong-key-0123456789abcdef' > \(Shell.quote(keyFile)).wrong && chmod 600 \(Shell.quote(keyFile))*")
        let agent = AgentProcess(extra: "--api-key-file \(Shell.quote(keyFile))")
        #expect(await agent.start(), "\(agent.log)")
        func attach(_ arguments: String) -> (output: String, status: Int32) {
            Shell.run("timeout 20 \(Shell.quote(vitals)) attach \(arguments) 2>&1 </dev/null")
        }
        var result = attach(agent.url)
        #expect(result.status == 1)
        #expect(result.output == "vitals: cannot attach: the agent at \(agent.url) wants an API key: pass --api-key-file FILE\n", "\(result.output)")
        result = attach("\(agent.url) --api-key-file \(Shell.quote(keyFile)).wrong")
        #expect(result.status == 1)
        #expect(result.output.contains("refused the API key in \(keyFile).wrong (401)"), "\(result.output)")
        let nobody = LoopbackPort.free()
        result = attach("http://127.0.0.1:\(nobody)")
        #expect(result.status == 1)
        #expect(result.output.contains("connection refused by 127.0.0.1:\(nobody)"), "\(result.output)")
        result = attach("gopher://127.0.0.1")
        #expect(result.status == 1)
        #expect(result.output.contains("gopher:// is not a scheme"), "\(result.output)")
        result = attach("https://127.0.0.1:\(agent.port) --api-key-file \(Shell.quote(keyFile))")
        #expect(result.status == 1)
        #expect(result.output.contains("TLS with 127.0.0.1:\(agent.port) failed"), "\(result.output)")
    }
}
