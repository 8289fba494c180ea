import Glibc
import TestSupport
import Testing

/// Process-table keys with the real binary in tmux: order, filter, freeze, help.
@Suite(.serialized) struct ProcessKeysEndToEndTests {
    let vitals = BuiltProducts.vitals

    @Test func sortFilterFreezeAndHelp() async {
        let session = TmuxSession(width: 200, height: 50, command: "exec \(Shell.quote(vitals)) --no-history-file")
        await #expect(session.waitFor(["by CPU"], seconds: 10).found)
        await #expect(session.waitForProcessRows().found, "\(session.capture())")
        session.send("'>'")
        await #expect(session.waitFor(["by memory"], seconds: 10).found)
        // The filter: typed after `/`, matched against names; vitals itself is always there.
        session.send("/ v i t a l s")
        let (filtered, screen) = await session.waitFor(["filter vitals▏ ("], seconds: 10)
        #expect(filtered, "screen was:\n\(screen)")
        session.send("Enter")
        // The title counts the matches; the table shows exactly those rows (names, or command
        // lines such as the tmux server's socket path), vitals among them.
        // The other tests' dashboards come and go beside this one: wait for a frame that agrees.
        let rows = await Shell.waitUntil(seconds: 10) {
            let lines = session.capture().split(separator: "\n")
            guard let title = lines.first(where: { $0.contains("filter vitals (") }),
                  let count = Int(title.split(separator: "(").last?.prefix { $0.isNumber } ?? "") else { return false }
            let table = lines.drop { !$0.contains("PID USER") }.dropFirst().prefix { !$0.contains("╰") }
            let filled = table.filter { !$0.split(separator: "│").last!.trimmingCharacters(in: " ").isEmpty }
            return filled.count == min(count, table.count) && filled.contains { $0.contains("vitals") }
        }
        #expect(rows, "only matching rows:\n\(session.capture())")
        session.send("Escape")
        await #expect(session.waitFor(["by memory"], seconds: 10).found)
        // Freeze: the status clock stops; unfreeze: it moves again.
        session.send("Space")
        await #expect(session.waitFor([" FROZEN"], seconds: 10).found)
        let frozenClock = clock(session.capture())
        await Shell.pause(2.2)
        #expect(clock(session.capture()) == frozenClock, "frozen at \(frozenClock)")
        session.send("Space")
        await #expect(Shell.waitUntil(seconds: 10) { clock(session.capture()) != frozenClock })
        session.send("'?'")
        await #expect(session.waitFor(["other keys close", "filter processes by name"], seconds: 10).found)
        session.send("x")
        await #expect(Shell.waitUntil(seconds: 10) { !session.capture().contains("other keys close") })
    }

    /// The HH:MM:SS in the status line.
    func clock(_ screen: String) -> String {
        let first = screen.split(separator: "\n").first.map(String.init) ?? ""
        return first.split(separator: " ").first { $0.count == 8 && $0.filter { $0 == ":" }.count == 2 }.map(String.init) ?? ""
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> Substring {
        var s = self
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return s
    }
}

/// The mouse with the real binary: a header click sorts, a row click selects, the wheel scrolls.
@Suite(.serialized) struct MouseEndToEndTests {
    let vitals = BuiltProducts.vitals

    @Test func headerClickSortsRowClickSelectsWheelScrolls() async throws {
        let session = TmuxSession(width: 120, height: 40, command: "exec \(Shell.quote(vitals)) --no-history-file")
        await #expect(session.waitFor(["by CPU"], seconds: 10).found)
        await #expect(session.waitForProcessRows().found, "\(session.capture())")
        let lines = session.capture().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = try #require(lines.firstIndex { $0.contains("PID USER") })
        // By PID: rows keep their places while the test runs (by CPU or memory they reorder).
        let column = try #require(lines[header].range(of: "PID").map { lines[header].distance(from: lines[header].startIndex, to: $0.lowerBound) })
        session.click(x: column + 1, y: header)
        await #expect(session.waitFor(["by PID"], seconds: 10).found, "\(session.capture())")
        let memory = try #require(lines[header].range(of: "MEM%").map { lines[header].distance(from: lines[header].startIndex, to: $0.lowerBound) })
        session.click(x: memory + 1, y: header)
        await #expect(session.waitFor(["by memory"], seconds: 10).found, "\(session.capture())")
        session.click(x: column + 1, y: header)
        await #expect(session.waitFor(["by PID"], seconds: 10).found, "\(session.capture())")
        // No row selected yet: no detail line. A click on the third row selects it.
        #expect(detailPID(session.capture()) == nil)
        session.click(x: 10, y: header + 3)
        var first: Int32?
        await #expect(Shell.waitUntil(seconds: 10) { first = detailPID(session.capture()); return first != nil }, "\(session.capture())")
        // The wheel moves the selection three rows down, then back up.
        session.mouse(button: 65, x: 10, y: header + 3)
        var second: Int32?
        await #expect(Shell.waitUntil(seconds: 10) { second = detailPID(session.capture()); return second != nil && second != first }, "\(session.capture())")
        await #expect(Shell.waitUntil(seconds: 10) { selectedRow(session.capture()) == header + 6 }, "\(session.capture())")
        session.mouse(button: 64, x: 10, y: header + 3)
        await #expect(Shell.waitUntil(seconds: 10) { selectedRow(session.capture()) == header + 3 }, "\(session.capture())")
    }

    /// The pid in the selected process's detail line (`pid N  user  state …`), if one shows.
    func detailPID(_ screen: String) -> Int32? {
        for line in screen.split(separator: "\n") {
            let inner = line.drop { $0 == "│" }
            if inner.hasPrefix("pid "), let pid = Int32(inner.dropFirst(4).prefix { $0.isNumber }) { return pid }
        }
        return nil
    }

    /// The screen row of the table row whose pid the detail line names.
    func selectedRow(_ screen: String) -> Int? {
        guard let pid = detailPID(screen) else { return nil }
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.firstIndex { line in
            let fields = line.drop { $0 == "│" }.split(separator: " ")
            return fields.first == Substring(String(pid)) && !line.contains("pid ")
        }
    }
}

@Suite(.serialized) struct KillEndToEndTests {
    let vitals = BuiltProducts.vitals

    /// A `sleep SECONDS` child whose argument the filter can find, and vitals on 200x50 showing
    /// only it, selected: what each signal test starts from.
    func selectedSleep(_ seconds: Int, flags: String = "") async throws -> (pid: Int32, session: TmuxSession) {
        let pid = try #require(Int32(Shell.run("sleep \(seconds) >/dev/null 2>&1 & echo $!").output.split(separator: "\n").first ?? ""))
        let session = TmuxSession(width: 200, height: 50, command: "exec \(Shell.quote(vitals)) --no-history-file \(flags)")
        await #expect(session.waitFor(["by CPU"], seconds: 10).found)
        session.send("/ " + String(seconds).map(String.init).joined(separator: " ") + " Enter")
        await #expect(session.waitFor(["filter \(seconds) (1)", " sleep"], seconds: 10).found, "\(session.capture())")
        session.send("Down")
        return (pid, session)
    }

    @Test func killingAChildTheTestSpawned() async throws {
        let (pid, session) = try await selectedSleep(31337)
        defer { kill(pid, SIGKILL) }
        await #expect(session.waitFor(["pid \(pid)  "], seconds: 10).found, "the detail line names it")
        session.send("k k Enter")
        await #expect(session.waitFor(["send SIGKILL to sleep (\(pid))? y / n"], seconds: 10).found, "\(session.capture())")
        session.send("y")
        await #expect(session.waitFor(["sent SIGKILL to sleep (\(pid))"], seconds: 10).found, "\(session.capture())")
        await #expect(Shell.waitUntil(seconds: 10) { !isRunning(pid) }, "the process is gone")
    }

    @Test func readOnlySendsNothing() async throws {
        let (pid, session) = try await selectedSleep(31338, flags: "--read-only")
        defer { kill(pid, SIGKILL) }
        session.send("k")
        await #expect(session.waitFor(["read-only: signals are off"], seconds: 10).found, "\(session.capture())")
        #expect(isRunning(pid))
    }

    /// F8 renices the child one step; `e` and `l` show its environment and open files (its output
    /// goes to /dev/null); `L` lists the messages of the run with their times.
    @Test func reniceEnvironmentOpenFilesAndTheLog() async throws {
        let (pid, session) = try await selectedSleep(31339)
        defer { kill(pid, SIGKILL) }
        session.send("F8")
        await #expect(session.waitFor(["sleep (\(pid)): nice 0 → 1"], seconds: 10).found, "\(session.capture())")
        #expect(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(pid)) == 1, "the kernel has it")
        session.send("e")
        await #expect(session.waitFor(["Environment of sleep (\(pid))", "PATH"], seconds: 10).found, "\(session.capture())")
        // Each overlay closed before the next key: a key that arrives with the Esc in one read is
        // the terminal's business (tmux under load), not this test's.
        session.send("Escape")
        await #expect(Shell.waitUntil(seconds: 10) { !session.capture().contains("Environment of sleep") })
        session.send("l")
        await #expect(session.waitFor(["Open files of sleep (\(pid))", "/dev/null"], seconds: 10).found, "\(session.capture())")
        session.send("Escape")
        await #expect(Shell.waitUntil(seconds: 10) { !session.capture().contains("Open files of sleep") })
        session.send("L")
        let (found, screen) = await session.waitFor(["Messages", "nice 0 → 1"], seconds: 10)
        #expect(found, "\(screen)")
        let logged = screen.split(separator: "\n").first { $0.contains("nice 0 → 1") }.map(String.init) ?? ""
        #expect(logged.range(of: #"\d\d:\d\d:\d\d  sleep"#, options: .regularExpression) != nil, "with its time: \(logged)")
    }
}

/// F2 chooses the columns and saves them into the configuration file the dashboard read, every
/// other line kept; the next start shows the same columns.
@Suite struct ColumnChooserEndToEndTests {
    let vitals = BuiltProducts.vitals

    @Test func hiddenColumnsAreSavedAndKeptAtTheNextStart() async throws {
        let dir = Fixtures.temporaryDirectory("vitals-columns-e2e")
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        let config = dir + "/config.yaml"
        Shell.run("printf '# my settings\\ndashboard:\\n  sort: memory   # heavy first\\n' > \(Shell.quote(config))")
        let command = "exec \(Shell.quote(vitals)) --no-history-file --config \(Shell.quote(config))"
        var session = TmuxSession(width: 200, height: 50, command: command)
        await #expect(session.waitFor(["by memory", " S  NI "], seconds: 10).found, "\(session.capture())")
        session.send("F2")
        await #expect(session.waitFor(["Columns", "[x] S", "nice value"], seconds: 10).found, "\(session.capture())")
        // S is the third column, NI the fourth: hide both.
        session.send("Down Down Space Down Space")
        await #expect(session.waitFor(["[ ] S", "[ ] NI"], seconds: 10).found, "\(session.capture())")
        session.send("Escape")
        await #expect(session.waitFor(["columns saved to \(config)"], seconds: 10).found, "\(session.capture())")
        let text = Shell.run("cat \(Shell.quote(config))").output
        #expect(text == "# my settings\ndashboard:\n  columns: [pid, user, cpu, mem, virt, rss, time, threads, io, command]\n  sort: memory   # heavy first\n")
        session.kill()
        session = TmuxSession(width: 200, height: 50, command: command)
        defer { session.kill() }
        let (found, screen) = await session.waitFor(["by memory", "▼MEM%"], seconds: 10)
        #expect(found, "\(screen)")
        let header = screen.split(separator: "\n").first { $0.contains("PID USER") }.map(String.init) ?? ""
        #expect(!header.contains(" NI ") && !header.contains(" S "), "the next start keeps them: \(header)")
    }
}

/// At 40x15 every pane keeps its border and the process table keeps its names.
@Suite struct NarrowLayoutEndToEndTests {
    let vitals = BuiltProducts.vitals

    @Test func fortyByFifteenKeepsBordersAndNames() async throws {
        let session = TmuxSession(width: 40, height: 15, command: "exec \(Shell.quote(vitals)) --no-history-file")
        defer { session.kill() }
        let (found, screen) = await session.waitFor(["Processes", "NAME", "Total"], seconds: 10)
        #expect(found, "\(screen)")
        let lines = screen.split(separator: "\n").map(String.init)
        for line in lines.dropFirst() where !line.isEmpty {
            #expect(line.hasPrefix("│") || line.hasPrefix("╭") || line.hasPrefix("╰"), "a pane's left border is kept: \(line)")
        }
        // Its own row, whatever else is busy on the machine: the filter leaves it alone.
        session.send("/ v i t a l s Enter")
        #expect(await Shell.waitUntil(seconds: 10) { session.capture().split(separator: "\n").contains { $0.hasPrefix("│") && $0.contains(" vitals") } },
                "names are shown at 40 columns:\n\(session.capture())")
    }
}
