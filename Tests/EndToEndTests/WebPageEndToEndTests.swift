import Foundation
import Rendering
import TestSupport
import Testing

/// The agent's web page in a real headless Chromium against a real agent: it loads without an
/// error and without a request leaving loopback, shows the host and live figures, says when the
/// link drops and comes back live, asks for the key, and fits a desktop and a phone.
///
/// `VITALS_UPDATE_SCREENSHOTS=1` writes the screenshots the README shows to docs/images (from the
/// agent at `VITALS_SCREENSHOT_AGENT` when set, one with history, else from the test's own).
@Suite(.serialized)
struct WebPageEndToEndTests {
    static func js(_ text: String) -> String { DevToolsPage.json(text) }

    /// Opens `url` in a fresh browser with the page's console, log and network recorded. The
    /// browser goes with the returned value; close the page first.
    func open(_ url: String) async throws -> (HeadlessChromium, DevToolsPage) {
        let chromium = try HeadlessChromium()
        let page = try await DevToolsPage.open(try chromium.pageSocket())
        for domain in ["Runtime", "Log", "Network", "Page"] { try await page.call(domain + ".enable") }
        try await page.call("Page.navigate", ["url": url])
        return (chromium, page)
    }

    func element(_ id: String, _ property: String = "textContent") -> String {
        "document.getElementById(\(Self.js(id))).\(property)"
    }

    @Test func thePageShowsTheHostAndFiguresThatChange() async throws {
        let agent = AgentProcess()
        #expect(await agent.start(), "\(agent.log)")
        let host = Shell.run("uname -n").output.trimmingCharacters(in: .whitespacesAndNewlines)
        let cores = Shell.run("nproc").output.trimmingCharacters(in: .whitespacesAndNewlines)
        let origin = agent.url, port = agent.port
        let (chromium, page) = try await open(origin + "/")
        #expect(await page.waitUntil("\(element("host")) === \(Self.js(host))", seconds: 20), "the host's name")
        #expect(await page.waitUntil("\(element("link", "dataset.state")) === 'live'", seconds: 20), "the stream is live")
        let updated = try await page.text(element("updated"))
        let points = try await page.text(element("cpu-graph", "dataset.points"))
        #expect(await page.waitUntil("\(element("updated")) !== \(Self.js(updated))", seconds: 10), "the tick's time moves: \(updated)")
        #expect(await page.waitUntil("Number(\(element("cpu-graph", "dataset.points"))) > \(Int(points) ?? 0)", seconds: 10), "the CPU graph grows")
        #expect(try await page.text(element("cpu-total")).hasSuffix("%"))
        #expect(try await page.text("document.querySelectorAll('#cpu-cores .meter-row').length") == cores)
        #expect(try await page.text(element("memory-detail")).contains(" of "))
        #expect(try await page.text("document.querySelectorAll('#process-table tbody tr').length") != "0")
        #expect(try await page.text(element("collector-summary")).contains("collectors"))
        #expect(try await page.text(element("uptime")).hasPrefix("up "))

        // The terminal's conventions, number for number.
        let sizes: [Double] = [0, 512, 999, 1000, 1536, 10 * 1024, 23 * 1024 * 1024, 4.0 * 1024 * 1024 * 1024, 1.2e12]
        for value in sizes {
            let shown = try await page.text("import('/assets/format.js').then(f => f.bytes(\(value)))")
            #expect(shown == Format.bytes(value), "bytes(\(value))")
        }
        for value in [0, 3.46, 9.949, 9.95, 42.4, 100, 250] {
            let shown = try await page.text("import('/assets/format.js').then(f => f.percent(\(value)))")
            #expect(shown == Format.percent(value), "percent(\(value))")
        }
        for value in [59.0, 3600, 86_399, 90_061, 1_000_000] {
            let shown = try await page.text("import('/assets/format.js').then(f => f.uptime(\(value)))")
            #expect(shown == Format.uptime(value), "uptime(\(value))")
        }

        #expect(page.problems.isEmpty, "\(page.problems)")
        // What a first visit transfers: the page's own files, then its data.
        let transferred = page.transferred
        let own = transferred.filter { $0.url == origin + "/" || $0.url.hasPrefix(origin + "/assets/") }
        let files = own.reduce(0) { $0 + $1.bytes }, data = transferred.reduce(0) { $0 + $1.bytes } - files
        #expect(own.count == 9, "\(own.map(\.url))")
        #expect(files <= 150 * 1024, "the page's files took \(files) bytes")
        print("web page: \(files) bytes in \(own.count) files; data on load \(data) bytes: \(transferred.filter { !$0.url.hasPrefix(origin + "/assets/") }.map { "\($0.url.dropFirst(origin.count)) \($0.bytes)" })")
        let requested = page.requestedURLs
        #expect(requested.contains { $0.hasPrefix("ws://127.0.0.1:\(port)/api/system/ws") }, "\(requested)")
        let elsewhere = requested.filter { !$0.hasPrefix(origin + "/") && !$0.hasPrefix("ws://127.0.0.1:\(port)/") }
        #expect(elsewhere.isEmpty, "requests off the agent: \(elsewhere)")
        await page.close()
        withExtendedLifetime(chromium) {}
    }

    /// A firing alert is a banner; the containers are listed with the failed ones first and in
    /// red (exited non-zero, unhealthy, dead), as in the terminal.
    @Test func firingAlertsAreABannerAndFailedContainersAreRed() async throws {
        let dir = Fixtures.temporaryDirectory("vitals-page-alerts")
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        let engine = try FakeEngine(path: dir + "/docker.sock")
        defer { engine.stop() }
        engine.answerWithCapturedDocker()
        let config = dir + "/config.yaml"
        _ = Fixtures.write("""
            containers:
              socket: \(engine.path)
            alerts:
              rules:
                - name: always-on
                  expr: node_load1 >= 0
                  severity: critical
                  summary: "load {{ value }} on {{ host }}"
            """, to: config)
        let agent = AgentProcess(extra: "--config \(Shell.quote(config))")
        #expect(await agent.start(), "\(agent.log)")
        let (chromium, page) = try await open(agent.url + "/")
        #expect(await page.waitUntil("!\(element("alerts", "hidden")) && \(element("alerts")).includes('always-on')", seconds: 20), "the banner")
        #expect(try await page.text("document.querySelector('#alerts p').className") == "critical")
        #expect(await page.waitUntil("document.querySelectorAll('#container-table tbody tr').length === 4", seconds: 20), "four containers")
        let rows = try await page.text("[...document.querySelectorAll('#container-table tbody tr')].map(r => r.className + ':' + r.cells[0].textContent).join(' ')")
        #expect(rows.split(separator: " ").prefix(3).allSatisfy { $0.hasPrefix("bad:") }, "the failed first: \(rows)")
        #expect(rows.hasSuffix(":web"), "\(rows)")
        let colours = try await page.text("[...document.querySelectorAll('#container-table tbody tr td:first-child')].map(c => getComputedStyle(c).color).join('|')")
        let distinct = Set(colours.split(separator: "|"))
        #expect(distinct.count == 2, "failed rows and the healthy one differ in colour: \(colours)")
        #expect(try await page.text(element("container-table", "textContent")).contains("exited (137)"))
        #expect(page.problems.isEmpty, "\(page.problems)")
        await page.close()
        withExtendedLifetime(chromium) {}
    }

    @Test func theLinkDropsSaysSoAndComesBackLive() async throws {
        let agent = AgentProcess()
        #expect(await agent.start(), "\(agent.log)")
        let (chromium, page) = try await open(agent.url + "/")
        #expect(await page.waitUntil("\(element("link", "dataset.state")) === 'live'", seconds: 20))
        await agent.kill()
        #expect(await page.waitUntil("\(element("link")).startsWith('reconnecting in ')", seconds: 15), "reconnecting is said")
        let said = try await page.text(element("link"))
        #expect(said.contains(" s"), "\(said)")
        #expect(await agent.start(), "\(agent.log)")
        let before = try await page.text(element("updated"))
        // 2 s, then 5 s: live again within the second attempt, with the time moving on.
        let live = await page.waitUntil("\(element("link", "dataset.state")) === 'live'", seconds: 20)
        let status = (try? await page.text(element("link"))) ?? ""
        #expect(live, "\(status)")
        #expect(await page.waitUntil("\(element("updated")) !== \(Self.js(before))", seconds: 10))
        await page.close()
        withExtendedLifetime(chromium) {}
    }

    /// A stream it cannot have (here: the agent's one slot taken) leaves the page on the snapshot,
    /// polled every 5 s, saying why; when a slot frees, the next attempt is live.
    @Test func withoutTheStreamThePagePollsTheSnapshot() async throws {
        let dir = Fixtures.temporaryDirectory("vitals-page-poll")
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        _ = Fixtures.write("server:\n  max_stream_clients: 1\n", to: dir + "/config.yaml")
        let agent = AgentProcess(extra: "--config \(Shell.quote(dir))/config.yaml")
        #expect(await agent.start(), "\(agent.log)")
        // The slot, held by a client that reads (curl prints the frames) and answers no ping: the
        // agent lets it go after 15 s at the latest; the test is done with it sooner.
        let holder = Shell.run("""
            curl -sN --http1.1 -H 'Connection: Upgrade' -H 'Upgrade: websocket' -H 'Sec-WebSocket-Version: 13' \\
              -H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' \(agent.url)/api/v1/stream > /dev/null 2>&1 & echo $!
            """).output.trimmingCharacters(in: .whitespacesAndNewlines)
        defer { Shell.run("kill \(holder) 2>/dev/null") }
        try await Task.sleep(for: .milliseconds(500))
        let (chromium, page) = try await open(agent.url + "/")
        #expect(await page.waitUntil("\(element("link")).includes('too many stream clients')", seconds: 15), "the refusal is said")
        #expect(await page.waitUntil("\(element("host")) !== 'vitals' && \(element("cpu-total")).endsWith('%')", seconds: 10), "figures from the snapshot")
        let first = try await page.text(element("updated"))
        #expect(await page.waitUntil("\(element("updated")) !== \(Self.js(first))", seconds: 8), "the snapshot is polled again")
        #expect(try await page.text(element("link", "dataset.state")) != "live")
        #expect(page.requestedURLs.filter { $0.hasSuffix("/api/v1/snapshot") }.count >= 2)
        Shell.run("kill \(holder)")
        #expect(await page.waitUntil("\(element("link", "dataset.state")) === 'live'", seconds: 40), "live once the slot is free")
        await page.close()
        withExtendedLifetime(chromium) {}
    }

    @Test func theKeyIsAskedForAndAWrongOneIsSaid() async throws {
        let dir = Fixtures.temporaryDirectory("vitals-page-key")
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        Shell.run("printf 'right-key-0123456789\\n' > \(Shell.quote(dir))/key")
        let agent = AgentProcess(extra: "--api-key-file \(Shell.quote(dir))/key")
        #expect(await agent.start(), "\(agent.log)")
        let (chromium, page) = try await open(agent.url + "/")
        #expect(await page.waitUntil("!\(element("key-form", "hidden"))", seconds: 20), "the key is asked for")
        #expect(try await page.text("getComputedStyle(document.getElementById('panes')).display") == "none", "no empty panes behind the form")
        func submit(_ key: String) async throws {
            _ = try await page.text("(document.getElementById('key').value = \(Self.js(key)), document.getElementById('key-form').requestSubmit(), 1)")
        }
        try await submit("wrong")
        #expect(await page.waitUntil("\(element("key-problem")).includes('Wrong key')", seconds: 10), "a wrong key is said")
        try await submit("right-key-0123456789")
        #expect(await page.waitUntil("\(element("link", "dataset.state")) === 'live'", seconds: 20), "the stream takes the key")
        #expect(try await page.text(element("key-form", "hidden")) == "true")
        #expect(try await page.text("sessionStorage.getItem('vitals.api_key')") == "right-key-0123456789")
        // The refused fetches of the wrong key are the browser's errors (so the recorder hears
        // them), and nothing else is.
        #expect(page.problems.contains { $0.contains("401") }, "\(page.problems)")
        let others = page.problems.filter { !$0.contains("401") }
        #expect(others.isEmpty, "\(others)")
        await page.close()
        withExtendedLifetime(chromium) {}
    }

    /// 1280x800 and a phone's 390x844, each dark and light: the page fits the width (nothing
    /// scrolls sideways), the themes differ, and the keyboard reaches the process order buttons.
    @Test func itFitsADesktopAndAPhoneAndTheKeyboardReachesIt() async throws {
        let environment = ProcessInfo.processInfo.environment
        let agent = AgentProcess()
        let origin: String
        if let given = environment["VITALS_SCREENSHOT_AGENT"] {
            origin = given
        } else {
            #expect(await agent.start(), "\(agent.log)")
            origin = agent.url
        }
        let update = environment["VITALS_UPDATE_SCREENSHOTS"] == "1"
        let output = update ? Fixtures.packageRoot + "/docs/images" : Fixtures.temporaryDirectory("vitals-screens")
        let (chromium, page) = try await open(origin + "/")
        #expect(await page.waitUntil("\(element("link", "dataset.state")) === 'live'", seconds: 20))
        var backgrounds: [String] = []
        for (width, height, mobile) in [(1280, 800, false), (390, 844, true)] {
            try await page.call("Emulation.setDeviceMetricsOverride", ["width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile])
            for scheme in ["dark", "light"] {
                try await page.call("Emulation.setEmulatedMedia", ["features": [["name": "prefers-color-scheme", "value": scheme]]])
                try await Task.sleep(for: .milliseconds(1500))
                let scrollWidth = try await page.text("document.documentElement.scrollWidth")
                #expect((Int(scrollWidth) ?? .max) <= width, "\(width) px wide, \(scheme): the page is \(scrollWidth) px")
                backgrounds.append(try await page.text("getComputedStyle(document.body).backgroundColor"))
                let png = try await page.screenshot()
                #expect(Self.pngSize(png).map { "\($0.0)x\($0.1)" } == "\(width)x\(height)", "\(width)x\(height)")
                if scheme == "dark" || !update {
                    try png.write(to: URL(fileURLWithPath: "\(output)/web-\(width)x\(height)\(scheme == "dark" ? "" : "-light").png"))
                }
            }
        }
        #expect(backgrounds[0] != backgrounds[1], "dark and light differ: \(backgrounds)")
        try await page.call("Emulation.setDeviceMetricsOverride", ["width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": false])
        // Tab from the top until the memory order button has the focus, then Enter.
        var reached = false
        for _ in 0..<40 where !reached {
            try await page.call("Input.dispatchKeyEvent", ["type": "keyDown", "key": "Tab", "code": "Tab", "windowsVirtualKeyCode": 9])
            try await page.call("Input.dispatchKeyEvent", ["type": "keyUp", "key": "Tab", "code": "Tab", "windowsVirtualKeyCode": 9])
            reached = try await page.text("document.activeElement?.dataset?.order === 'memory'") == "true"
        }
        #expect(reached, "Tab reaches the processes' memory order")
        for type in ["keyDown", "keyUp"] {
            try await page.call("Input.dispatchKeyEvent", ["type": type, "key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13, "text": type == "keyDown" ? "\r" : ""])
        }
        #expect(await page.waitUntil("\(element("process-order")) === 'heaviest by memory'", seconds: 5))
        #expect(page.problems.isEmpty, "\(page.problems)")
        await page.close()
        withExtendedLifetime(chromium) {}
        if !update { Shell.run("rm -rf \(Shell.quote(output))") }
    }

    /// Width and height from a PNG's IHDR chunk.
    static func pngSize(_ png: Data) -> (Int, Int)? {
        guard png.count > 24 else { return nil }
        let bytes = [UInt8](png.prefix(24))
        func be32(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (be32(16), be32(20))
    }
}
