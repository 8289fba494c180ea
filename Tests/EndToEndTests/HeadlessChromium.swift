import Foundation
import Glibc
import TestSupport

/// Debian's Chromium, headless, started by a test with a profile of its own and its DevTools
/// protocol on a loopback port the browser picks (`DevToolsActivePort`). Its own background
/// traffic (updates, sync, safe browsing) is switched off, so every request it makes is the page's.
final class HeadlessChromium {
    let directory: String
    private(set) var pid: Int32 = 0
    private(set) var port = 0

    /// Fails without Debian's `chromium` (`scripts/setup.sh --tests` installs it).
    init() throws {
        // Not named for vitals: the dashboard tests beside these filter processes by "vitals", and
        // Chromium's (the profile is on their command lines) would crowd their own out of the pane.
        directory = Fixtures.temporaryDirectory("headless-chromium")
        let flags = [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-default-apps", "--mute-audio",
            "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--remote-allow-origins=*",
            "--user-data-dir=" + directory + "/profile", "--window-size=1280,800", "about:blank",
        ]
        let output = Shell.run("chromium \(flags.map(Shell.quote).joined(separator: " ")) > \(Shell.quote(directory))/chromium.log 2>&1 & echo $!").output
        pid = Int32(output.split(separator: "\n").first.map(String.init) ?? "") ?? 0
        let portFile = directory + "/profile/DevToolsActivePort"
        guard Shell.waitUntil(seconds: 30, { (Fixtures.text(portFile) ?? "").contains("\n") }),
              let line = Fixtures.text(portFile)?.split(separator: "\n").first, let port = Int(line)
        else { throw DevToolsError("chromium did not start: \(Fixtures.text(directory + "/chromium.log") ?? "")") }
        self.port = port
    }

    /// The DevTools WebSocket of the browser's open page.
    func pageSocket() throws -> String {
        let list = Shell.run("curl -s http://127.0.0.1:\(port)/json/list").output
        let targets = (try? JSONSerialization.jsonObject(with: Data(list.utf8))) as? [[String: Any]] ?? []
        guard let url = targets.first(where: { $0["type"] as? String == "page" })?["webSocketDebuggerUrl"] as? String else {
            throw DevToolsError("no page target in \(list)")
        }
        return url
    }

    deinit {
        if pid > 0 {
            kill(pid, SIGKILL)
            _ = Shell.waitUntil(seconds: 5) { kill(pid, 0) != 0 }
        }
        Shell.run("pkill -KILL -f -- \(Shell.quote("--user-data-dir=" + directory)); rm -rf \(Shell.quote(directory))")
    }
}

struct DevToolsError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
