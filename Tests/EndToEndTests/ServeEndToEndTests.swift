import Foundation
import Glibc
import TestSupport
import Testing

/// `vitals --serve ADDR`: the dashboard in tmux, and /metrics, the JSON API and the status line
/// naming the address, from the same process; the port closes with `q`.
@Suite(.serialized) struct ServeEndToEndTests {
    let vitals = BuiltProducts.vitals

    @Test func theDashboardServesWhileItDraws() async throws {
        // A port another process took meanwhile (the end-to-end tests run side by side) ends the
        // session at once with "address in use": then another port, up to three.
        var port = 0
        var attempt: TmuxSession?
        var found = false
        var screen = ""
        for _ in 0..<3 where !found {
            attempt?.kill()
            port = LoopbackPort.free()
            let started = TmuxSession(width: 140, height: 40, command: "exec \(Shell.quote(vitals)) --serve 127.0.0.1:\(port)")
            attempt = started
            (found, screen) = await started.waitFor(["serving 127.0.0.1:\(port)", "CPU"], seconds: 20)
            if !found, !screen.contains("no server running") { break }
        }
        let session = try #require(attempt)
        defer { session.kill() }
        #expect(found, "\(screen)")
        let url = "http://127.0.0.1:\(port)"
        var metrics = ""
        let served = await Shell.waitUntil(seconds: 10) {
            metrics = Shell.run("curl -s \(url)/metrics").output
            return metrics.contains("node_load1 ")
        }
        #expect(served, "\(metrics.prefix(500))")
        #expect(metrics.contains("node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"}"))
        #expect(metrics.contains("vitals_collector_success{collector=\"processes\"} 1"))
        let snapshot = Shell.run("curl -s \(url)/api/v1/snapshot").output
        #expect(snapshot.hasPrefix("{"), "\(snapshot.prefix(200))")
        #expect(Shell.run("curl -s \(url)/api/v1/alerts").output.contains("\"status\":\"success\""))
        #expect(Shell.run("curl -s -o /dev/null -w '%{http_code}' \(url)/readyz").output == "200")
        // The web page, from the dashboard's process too.
        #expect(Shell.run("curl -s \(url)/").output.contains("<script type=\"module\" src=\"assets/app.js\"></script>"))
        // Series come from the ticks the dashboard recorded.
        let series = await Shell.waitUntil(seconds: 10) {
            Shell.run("curl -s '\(url)/api/v1/series?name=node_load1&range=1m&points=60'").output.contains("[1")
        }
        #expect(series, "a point of node_load1 in /api/v1/series")
        session.send("q")
        let closed = await Shell.waitUntil(seconds: 10) { Shell.run("curl -s -o /dev/null \(url)/healthz").status != 0 }
        #expect(closed, "the port closes when the dashboard quits")
    }

    @Test func anAddressInUseIsRefusedBeforeTheScreenOpens() async {
        let port = LoopbackPort.free()
        let holder = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(holder) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(holder, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        listen(holder, 1)
        // On a terminal (script(1) gives it one), so that the refusal, not the missing terminal, is what stops it.
        let command = "\(Shell.quote(vitals)) --serve 127.0.0.1:\(port) --no-history-file"
        let result = Shell.run("script -qec \(Shell.quote(command)) /dev/null 2>&1 </dev/null")
        #expect(result.status == 1)
        #expect(result.output.contains("cannot serve on 127.0.0.1:\(port)"), "\(result.output)")
        #expect(result.output.contains("Address already in use"), "\(result.output)")
    }
}
